/* The C nodes of profiled.flux. Usage: profiled [N] (default 1000; 0: until stopped). */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "flux_nodes.h"

static long flows = 1000, issued;
static atomic_long ended;
static long counter;

int flux_init(int argc, char **argv) {
    if (argc > 1) flows = atol(argv[1]);
    return 0;
}

void flux_shutdown(void) {
    printf("ended %ld counter %ld\n", atomic_load(&ended), counter);
}

static void pause_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

int Gen(Gen_out *out) {
    if (flows > 0 && issued == flows) { /* all issued: stop once they have ended */
        while (atomic_load(&ended) < flows && !flux_stopping()) pause_ms(1);
        if (!flux_stopping()) flux_stop();
        while (!flux_stopping()) pause_ms(1);
        return 1;
    }
    out->i = issued++;
    if (flows == 0 && issued % 64 == 0) pause_ms(1); /* unbounded: a steady load */
    return 0;
}

bool IsFast(long i) { return i % 10 < 7; }
bool IsSleepy(long i) { return i % 10 < 9; }

int Work(Work_in *in, Work_out *out) {
    out->i = in->i;
    return 0;
}

int Fast(Fast_in *in, Fast_out *out) {
    counter++; /* under the writer constraint */
    out->i = in->i;
    return 0;
}

int Sleepy(Sleepy_in *in, Sleepy_out *out) {
    pause_ms(1);
    out->i = in->i + counter;
    return 0;
}

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int Busy(Busy_in *in, Busy_out *out) {
    double until = cpu_seconds() + 0.0005;
    volatile long spin = 0;
    while (cpu_seconds() < until) spin++;
    out->i = in->i;
    return 0;
}

int Fails(Fails_in *in, Fails_out *out) {
    out->i = in->i;
    return 5;
}

void Recover(Fails_in *in, int err) {
    (void)in;
    (void)err;
    atomic_fetch_add(&ended, 1);
}

int Done(Done_in *in) {
    (void)in;
    atomic_fetch_add(&ended, 1);
    return 0;
}
