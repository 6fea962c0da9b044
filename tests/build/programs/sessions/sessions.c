/* The C nodes of sessions.flux. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "flux_nodes.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long holding = -1; /* the session whose flow waits inside Hold */
static int others;        /* flows of other sessions through Hold meanwhile */

static struct timespec in_10_seconds(void) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    return until;
}

/* "wait" holds the next line back until a flow waits inside Hold. */
int Read(Read_out *out) {
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (sscanf(line, "%ld %ld", &out->sid, &out->n) == 2) return 0;
        struct timespec until = in_10_seconds();
        pthread_mutex_lock(&mu);
        while (holding < 0 && pthread_cond_timedwait(&cv, &mu, &until) == 0) {
        }
        pthread_mutex_unlock(&mu);
    }
    flux_stop();
    while (!flux_stopping()) {
        struct timespec ms = {0, 1000000L};
        nanosleep(&ms, NULL);
    }
    return 1;
}

uint64_t SessionOf(Job_in *in) { return (uint64_t)in->sid; }

int Hold(Hold_in *in, Hold_out *out) {
    out->sid = in->sid;
    out->n = in->n;
    pthread_mutex_lock(&mu);
    if (in->n == 1) {
        struct timespec until = in_10_seconds();
        holding = in->sid;
        pthread_cond_broadcast(&cv);
        while (others == 0 && pthread_cond_timedwait(&cv, &mu, &until) == 0) {
        }
        out->n = others > 0 ? 100 : -100; /* 100: another session got through */
        holding = -1;
    } else if (holding == in->sid) {
        out->n = -in->n; /* entered its session while another flow of it held s */
    } else if (holding >= 0) {
        others++;
        pthread_cond_broadcast(&cv);
    }
    pthread_mutex_unlock(&mu);
    return 0;
}

int Print(Print_in *in) {
    printf("session %ld: %ld\n", in->sid, in->n);
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    printf("sessions alive: %ld\n", flux_debug_sessions());
}
