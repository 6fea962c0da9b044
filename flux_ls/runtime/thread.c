/*
 * thread.c — the thread runtime (docs/language.md#runtimes): one thread per flow.
 *
 * Each launched flow gets a new detached thread that runs it to its end, parking when a
 * constraint is not free. Simple and faithful to the paper's one-to-one server; creating a
 * thread per flow is its cost (the pool and event runtimes avoid it).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "flux_rt.h"

static pthread_attr_t detached;

static void *flow_thread(void *arg) {
    flux_run_parked(arg);
    return NULL;
}

static int start(int threads) {
    (void)threads; /* one per flow */
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    return 0;
}

static void launch(flux_flow *flow) {
    pthread_t thread;
    int rc;
    while ((rc = pthread_create(&thread, &detached, flow_thread, flow)) == EAGAIN)
        flux_nap_ms(1); /* out of threads for now: wait for some to end */
    if (rc != 0) {
        fprintf(stderr, "flux: cannot start a flow thread (%s); running it inline\n",
                strerror(rc));
        flux_run_parked(flow);
    }
}

static void stop(void) {
    pthread_attr_destroy(&detached);
}

const flux_runtime flux_thread_runtime = {"thread", start, launch, stop};
