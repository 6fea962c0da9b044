/*
 * thread.c — the thread runtime (docs/language.md#runtimes): one thread per flow.
 *
 * Each launched flow gets a new detached thread that runs it to its end, parking when a
 * constraint is not free. Simple and faithful to the paper's one-to-one server; creating a
 * thread per flow is its cost (the pool and event runtimes avoid it).
 *
 * Out of threads (pthread_create fails with EAGAIN: the process or user limit, or no memory
 * for a stack), the source that launched the flow waits, trying again every millisecond, so
 * no new work is taken until a flow ends; this is said on stderr at most once every 10 s.
 * Once stopping (or on any other error) the flow runs on the source's own thread instead.
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

static _Atomic long unlogged;  /* times out of threads since the last report */
static _Atomic double last_log;

static void out_of_threads(void) {
    double now = flux_now(), last = atomic_load(&last_log);
    if ((last == 0 || now - last >= 10.0) &&
        atomic_compare_exchange_strong(&last_log, &last, now)) {
        long more = atomic_exchange(&unlogged, 0);
        char note[64] = "";
        if (more > 0) snprintf(note, sizeof note, " (%ld more times since the last report)", more);
        fprintf(stderr, "flux: out of threads (EAGAIN) with %ld flows running; new work waits "
                "for a flow to end%s\n", atomic_load(&flux_live), note);
    } else {
        atomic_fetch_add(&unlogged, 1);
    }
}

static void launch(flux_flow *flow) {
    pthread_t thread;
    int rc;
    while ((rc = pthread_create(&thread, &detached, flow_thread, flow)) == EAGAIN &&
           !flux_stopping()) {
        out_of_threads();
        flux_nap_ms(1); /* out of threads for now: wait for some to end */
    }
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
