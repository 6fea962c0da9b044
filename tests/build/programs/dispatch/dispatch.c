/* The C nodes of dispatch.flux: each flow prints what happened to its number. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flux_nodes.h"

static pthread_mutex_t out_mu = PTHREAD_MUTEX_INITIALIZER;

/* FailHandler waits for a later flow to pass Route (which needs x); the input line "wait"
 * makes Read hold the next line back until the handler waits. */
static pthread_mutex_t handler_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t handler_cv = PTHREAD_COND_INITIALIZER;
static int handler_waiting, small_after;

static struct timespec in_seconds(int seconds) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += seconds;
    return until;
}

static void say(const char *format, long n, long a, long b) {
    pthread_mutex_lock(&out_mu);
    printf(format, n, a, b);
    fflush(stdout);
    pthread_mutex_unlock(&out_mu);
}

int flux_init(int argc, char **argv) {
    (void)argc;
    (void)argv;
    return 0;
}

void flux_shutdown(void) {
    say("shutdown %ld %ld %ld\n", flux_held_count(), flux_debug_sessions(), 0);
}

int Read(Read_out *out) {
    static char line[128];
    char *got = fgets(line, sizeof line, stdin);
    if (got != NULL && strcmp(line, "wait\n") == 0) {
        struct timespec until = in_seconds(10);
        pthread_mutex_lock(&handler_mu);
        while (!handler_waiting && pthread_cond_timedwait(&handler_cv, &handler_mu, &until) == 0) {
        }
        pthread_mutex_unlock(&handler_mu);
        got = fgets(line, sizeof line, stdin);
    }
    if (got == NULL) {
        if (!flux_stopping() && !ferror(stdin)) flux_stop(); /* end of input */
        clearerr(stdin);
        while (!flux_stopping()) { /* wait for the stop; the wake signal cuts it short */
            struct timespec ms = {0, 10000000L};
            nanosleep(&ms, NULL);
        }
        return EINTR;
    }
    char *end;
    errno = 0;
    out->n = strtol(line, &end, 10);
    if (end == line || errno != 0) return EINVAL;
    return 0;
}

void BadLine(int err) {
    say("bad line err=%ld held=%ld%.0ld\n", err, flux_held_count(), 0);
}

bool IsSmall(long n) { return n >= 0 && n < 10; }
bool IsEven(long n) { return n % 2 == 0; }
bool IsNegative(long n) { return n < 0; }
bool IsSlow(long n) { return n == 1000; }

int SmallPath(SmallPath_in *in, SmallPath_out *out) {
    /* Route holds x (writer) for the whole sub-flow, SmallPath adds y (reader). */
    say("%ld small held=%ld x=%ld\n", in->n, flux_held_count(), flux_constraint_state("x"));
    pthread_mutex_lock(&handler_mu);
    if (handler_waiting) small_after++;
    pthread_cond_broadcast(&handler_cv);
    pthread_mutex_unlock(&handler_mu);
    out->n = in->n;
    return 0;
}

int EvenPath(EvenPath_in *in, EvenPath_out *out) {
    say("%ld even held=%ld%.0ld\n", in->n, flux_held_count(), 0);
    out->n = in->n;
    return 0;
}

int SlowPath(SlowPath_in *in, SlowPath_out *out) {
    say("%ld slow-start%.0ld%.0ld\n", in->n, 0, 0);
    struct timespec pause = {0, 300000000L};
    nanosleep(&pause, NULL);
    say("%ld slow-done%.0ld%.0ld\n", in->n, 0, 0);
    out->n = in->n;
    return 0;
}

int Fail(Fail_in *in, Fail_out *out) {
    (void)out;
    say("%ld fail held=%ld%.0ld\n", in->n, flux_held_count(), 0);
    return 7;
}

/* Runs after the flow released x: a later small number must get through Route (which
 * needs x) while this handler waits. If x were still held, that flow could not run. */
void FailHandler(Fail_in *in, int err) {
    struct timespec until = in_seconds(10);
    pthread_mutex_lock(&handler_mu);
    handler_waiting = 1;
    pthread_cond_broadcast(&handler_cv);
    while (small_after == 0 && pthread_cond_timedwait(&handler_cv, &handler_mu, &until) == 0) {
    }
    long got = small_after > 0;
    pthread_mutex_unlock(&handler_mu);
    say("%ld fail-handled err=%ld released=%ld\n", in->n, err, got);
}

void Failed(Job_in *in, int err) {
    say("%ld failed err=%ld held=%ld\n", in->n, err, flux_held_count());
}

int Done(Done_in *in) {
    say("%ld done held=%ld%.0ld\n", in->n, flux_held_count(), 0);
    return 0;
}
