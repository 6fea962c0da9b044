/*
 * source.c — the source loops (docs/language.md#sources): one thread per source, in every
 * runtime.
 *
 * A source blocks by design (accept, epoll_wait, a timer), so it gets a thread of its own
 * and never occupies a worker or an event thread. Its loop runs the source phase of a flow
 * (the source node, or the whole flow of an abstract source) with flux_run_parked(); when the
 * phase succeeds the flow is launched into the runtime and the loop starts the next one.
 *
 * A failure starts no flow: its handler has run if the program declares one; otherwise the
 * failure is logged to stderr, at most once a second per source (with a count of the
 * others). After 64 failures in a row the loop naps 1 ms between calls, so a source that
 * fails at once (EMFILE, a closed input) does not spin a core. When flux_stopping() is true
 * a failure ends the loop quietly: on shutdown the source is interrupted by a signal and
 * its blocking call returns EINTR.
 *
 * Admission control: when FLUX_MAX_FLOWS flows (default 10000) are running, the sources
 * wait for some to end, so a fast source cannot queue unbounded work. Likewise when there is
 * no memory for a new flow: the source naps 10 ms and tries again (it has not called its
 * node, so no input is lost; the work waits outside, e.g. in the listen backlog), and says so
 * at most once every 10 s.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flux_rt.h"

#define NAP_AFTER 64

flux_source *flux_sources;
static const flux_runtime *runtime;
static int started; /* sources set up (their thread created, unless local) */

long flux_max_flows = 10000;
static pthread_mutex_t admission_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t admission_cv = PTHREAD_COND_INITIALIZER;
static _Atomic int admission_waiting;

static void admission_wait(void) {
    if (atomic_load(&flux_live) < flux_max_flows) return;
    pthread_mutex_lock(&admission_mu);
    atomic_fetch_add(&admission_waiting, 1);
    while (atomic_load(&flux_live) >= flux_max_flows && !atomic_load(&flux_stopping_flag)) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&admission_cv, &admission_mu, &until);
    }
    atomic_fetch_sub(&admission_waiting, 1);
    pthread_mutex_unlock(&admission_mu);
}

void flux_admission_release(void) {
    if (atomic_load(&admission_waiting) == 0) return;
    pthread_mutex_lock(&admission_mu);
    pthread_cond_broadcast(&admission_cv);
    pthread_mutex_unlock(&admission_mu);
}

void flux_source_log_failure(flux_source *source, int err) {
    double now = flux_now();
    if (source->last_log != 0 && now - source->last_log < 1.0) {
        source->unlogged++;
        return;
    }
    if (source->unlogged > 0)
        fprintf(stderr, "flux: source %s failed with error %d (%ld more failures not shown)\n",
                source->desc->name, err, source->unlogged);
    else
        fprintf(stderr, "flux: source %s failed with error %d\n", source->desc->name, err);
    source->last_log = now;
    source->unlogged = 0;
}

/* No memory for a new flow: say so (rarely) and wait a little; the caller tries again. */
static void out_of_memory(flux_source *source) {
    double now = flux_now();
    if (source->last_oom_log == 0 || now - source->last_oom_log >= 10.0) {
        fprintf(stderr, "flux: source %s: out of memory for a new flow; new work waits until "
                "memory is free", source->desc->name);
        if (source->unlogged_oom > 0)
            fprintf(stderr, " (%ld more times since the last report)", source->unlogged_oom);
        fputc('\n', stderr);
        source->last_oom_log = now;
        source->unlogged_oom = 0;
    } else {
        source->unlogged_oom++;
    }
    flux_nap_ms(10);
}

static void *source_main(void *arg) {
    flux_source *source = arg;
    flux_flow *flow = NULL;
    int failed_in_a_row = 0;
    while (!atomic_load(&flux_stopping_flag)) {
        admission_wait();
        if (flow != NULL) {
            flux_flow_reset(flow);
        } else if ((flow = flux_flow_alloc(source)) == NULL) {
            out_of_memory(source);
            continue;
        }
        if (flux_run_parked(flow) == FLUX_LAUNCH) { /* else FLUX_FAILED */
            failed_in_a_row = 0;
            atomic_fetch_add(&flux_live, 1);
            if (FLUX_PROF_ON) flux_prof_launched(flow);
            runtime->launch(flow);
            flow = NULL;
            continue;
        }
        if (atomic_load(&flux_stopping_flag)) break;
        if (!flow->handled) flux_source_log_failure(source, flow->err);
        if (++failed_in_a_row > NAP_AFTER) flux_nap_ms(1);
    }
    if (flow != NULL) { /* keep it for reuse, like an ended flow */
        flow->next = source->free_local;
        source->free_local = flow;
    }
    atomic_store(&source->running, 0);
    return NULL;
}

void flux_sources_init(void) {
    const char *env = getenv("FLUX_MAX_FLOWS");
    if (env != NULL && atol(env) > 0) flux_max_flows = atol(env);
    int n = flux_program.nsources;
    flux_sources = calloc(n > 0 ? (size_t)n : 1, sizeof *flux_sources);
    if (flux_sources == NULL) flux_fatal("allocating sources", 0);
    for (int i = 0; i < n; i++) {
        flux_sources[i].desc = &flux_program.sources[i];
        atomic_init(&flux_sources[i].free_shared, NULL);
    }
}

int flux_sources_start(const flux_runtime *chosen) {
    runtime = chosen;
    int n = flux_program.nsources;
    for (int i = 0; i < n; i++) {
        flux_source *source = &flux_sources[i];
        if (flux_place_table != NULL && i == flux_local_source) {
            atomic_init(&source->running, 0); /* runs on the runtime's threads (place.c) */
            started++;
            continue;
        }
        atomic_init(&source->running, 1);
        int rc = pthread_create(&source->thread, NULL, source_main, source);
        if (rc != 0) {
            atomic_store(&source->running, 0);
            fprintf(stderr, "flux: cannot start source %s: %s\n", source->desc->name,
                    strerror(rc));
            return -1;
        }
        source->threaded = 1;
        started++;
    }
    return 0;
}

void flux_sources_interrupt(void) {
    flux_places_wake_all();
    for (int i = 0; i < started; i++)
        if (atomic_load(&flux_sources[i].running))
            pthread_kill(flux_sources[i].thread, flux_wake_signal());
}

int flux_sources_running(void) {
    int n = atomic_load(&flux_place_sources);
    for (int i = 0; i < started; i++) n += atomic_load(&flux_sources[i].running);
    return n;
}

void flux_sources_join(void) {
    for (int i = 0; i < started; i++)
        if (flux_sources[i].threaded) pthread_join(flux_sources[i].thread, NULL);
}
