/*
 * The source of dispatch.flux and the measurement: Gen issues FLOWS flows with at most
 * IN_FLIGHT running, End counts them; the time from the first issue to the last end is
 * printed by flux_shutdown. Usage: dispatch FLOWS [IN_FLIGHT] (default 1000000, 1024).
 */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "flux_nodes.h"

static long flows = 1000000, in_flight = 1024, issued;
static atomic_long ended;
static struct timespec t0, t1;

static void pause_us(long us) {
    struct timespec t = {0, us * 1000L};
    nanosleep(&t, NULL);
}

int flux_init(int argc, char **argv) {
    if (argc > 1) flows = atol(argv[1]);
    if (argc > 2) in_flight = atol(argv[2]);
    return 0;
}

void flux_shutdown(void) {
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("flows=%ld nodes=%ld seconds=%.6f\n", atomic_load(&ended), atomic_load(&ended) * 21, s);
}

void dispatch_ended(long i) {
    (void)i;
    if (atomic_fetch_add(&ended, 1) + 1 == flows) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        flux_stop();
    }
}

int Gen(Gen_out *out) {
    if (issued == 0) clock_gettime(CLOCK_MONOTONIC, &t0);
    if (issued == flows) {
        while (!flux_stopping()) pause_us(1000);
        return 1;
    }
    while (issued - atomic_load(&ended) >= in_flight) pause_us(10);
    out->i = issued++;
    return 0;
}
