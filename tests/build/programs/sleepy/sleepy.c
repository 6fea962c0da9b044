/* The C nodes of sleepy.flux. Usage: sleepy [FAST_FLOWS [spin]] (default 2000): with spin
 * the sleeper computes (polls a counter without sleeping) instead of blocking in poll(2). */
#include <string.h>
#define _GNU_SOURCE
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "flux_nodes.h"

static long fast = 2000, issued;
static atomic_long done, fast_done;
static int wake[2];
static const char *verdict = "no verdict";
static int spin;

int flux_init(int argc, char **argv) {
    if (argc > 1) fast = atol(argv[1]);
    spin = argc > 2 && strcmp(argv[2], "spin") == 0;
    return pipe(wake);
}

void flux_shutdown(void) {
    printf("sleeper: %s; flows done: %ld\n", verdict, atomic_load(&done));
}

static void pause_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

int Gen(Gen_out *out) {
    if (issued > fast) {
        while (atomic_load(&done) <= fast && !flux_stopping()) pause_ms(1);
        if (!flux_stopping()) flux_stop();
        while (!flux_stopping()) pause_ms(1);
        return 1;
    }
    out->i = issued++;
    if (out->i == 0) pause_ms(20); /* let the sleeper block first */
    return 0;
}

bool IsFirst(long i) { return i == 0; }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int Sleeper(Sleeper_in *in, Sleeper_out *out) {
    int ready = 0;
    if (spin) { /* a long computation: runnable all along */
        double deadline = now() + 10;
        while (atomic_load(&fast_done) < fast && now() < deadline) {
        }
        ready = atomic_load(&fast_done) == fast;
    } else {
        struct pollfd fd = {wake[0], POLLIN, 0};
        ready = poll(&fd, 1, 10000); /* blocks this thread */
    }
    verdict = ready == 1 ? "the other flows ran while it blocked" : "timed out: events stalled";
    out->i = in->i;
    return 0;
}

int Fast(Fast_in *in, Fast_out *out) {
    out->i = in->i;
    if (atomic_fetch_add(&fast_done, 1) + 1 == fast) {
        char byte = 1;
        if (write(wake[1], &byte, 1) != 1) return 1;
    }
    return 0;
}

int Done(Done_in *in) {
    (void)in;
    atomic_fetch_add(&done, 1);
    return 0;
}
