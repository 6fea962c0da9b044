/*
 * pool.c — the pool runtime (docs/language.md#runtimes): a fixed set of workers takes whole
 * flows from a FIFO.
 *
 * Sources append launched flows to one queue; a worker takes the oldest and runs it to its
 * end, then takes the next. A flow that must wait for a constraint does not keep its worker:
 * the worker takes the next flow, and the flow that releases the constraint puts the waiter
 * back at the *head* of the queue (it has started: finishing it first bounds its latency).
 * Workers that find the queue empty sleep on a condition variable, and a source signals
 * only when one sleeps.
 * Default size: one worker per core (--flux-threads / [run] threads to change it; a
 * program whose nodes block for long wants more).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flux_rt.h"

#define FAIR_EVERY 61

static struct {
    pthread_mutex_t mu;    /* protects the queue, sleeping and stopping */
    pthread_cond_t ready;
    flux_fifo queue;
    _Atomic int queued;    /* flows in the queue (read without the mutex) */
    int sleeping;
    int stopping;
    int nworkers;
    pthread_t *workers;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {NULL, NULL}, 0, 0, 0, 0, NULL};

static int has_work(void) {
    return atomic_load(&pool.queued) > 0;
}

/* The oldest queued flow, or NULL at once when the queue is empty. */
static flux_flow *try_take(void) {
    if (!has_work()) return NULL;
    pthread_mutex_lock(&pool.mu);
    flux_flow *flow = flux_fifo_pop(&pool.queue);
    if (flow != NULL) atomic_fetch_sub(&pool.queued, 1);
    pthread_mutex_unlock(&pool.mu);
    return flow;
}

static flux_flow *take(void) {
    pthread_mutex_lock(&pool.mu);
    while (pool.queue.head == NULL && !pool.stopping) {
        pool.sleeping++;
        pthread_cond_wait(&pool.ready, &pool.mu);
        pool.sleeping--;
    }
    flux_flow *flow = flux_fifo_pop(&pool.queue);
    if (flow != NULL) atomic_fetch_sub(&pool.queued, 1);
    pthread_mutex_unlock(&pool.mu);
    return flow;
}

/* Queue a flow (at the tail or the head) and wake a sleeping worker. */
static void put(void (*push)(flux_fifo *, flux_flow *), flux_flow *flow) {
    pthread_mutex_lock(&pool.mu);
    push(&pool.queue, flow);
    atomic_fetch_add(&pool.queued, 1);
    int wake = pool.sleeping > 0;
    pthread_mutex_unlock(&pool.mu);
    if (wake) pthread_cond_signal(&pool.ready);
    else flux_places_wake_one(); /* a worker may be waiting in its local source */
}

/* Run a flow until it ends or waits for a constraint (then flux_pool_resume requeues it). */
static void run(flux_flow *flow) {
    flux_current = flow;
    int status;
    do {
        status = flux_step(flow);
    } while (status == FLUX_CONTINUE);
    flux_current = NULL;
}

static void *worker(void *arg) {
    flux_my_place = arg;
    flux_flow *flow;
    unsigned tick = 0;
    while (flux_my_place != NULL && !atomic_load(&flux_stopping_flag)) {
        /* A worker with a place runs its local source when the queue is empty (waiting
         * there) and once every FAIR_EVERY flows even when it is not (without waiting). */
        flow = ++tick % FAIR_EVERY == 0 ? NULL : try_take();
        if (flow == NULL && (flow = flux_place_poll()) != NULL) flow->resume = FLUX_RESUME_POOL;
        if (flow == NULL) flow = try_take();
        if (flow != NULL) run(flow);
    }
    while ((flow = take()) != NULL) run(flow);
    return NULL;
}

static int start(int threads) {
    flux_place_has_work = has_work;
    pool.workers = calloc((size_t)threads, sizeof *pool.workers);
    if (pool.workers == NULL) return -1;
    for (int i = 0; i < threads; i++) {
        flux_place_t *place = flux_place_table != NULL && i < flux_nplaces ? &flux_place_table[i]
                                                                         : NULL;
        int rc = pthread_create(&pool.workers[i], NULL, worker, place);
        if (rc != 0) {
            fprintf(stderr, "flux: cannot start pool worker %d: %s\n", i, strerror(rc));
            return -1;
        }
        pool.nworkers++;
    }
    return 0;
}

static void launch(flux_flow *flow) {
    flow->resume = FLUX_RESUME_POOL;
    put(flux_fifo_push_tail, flow);
}

void flux_pool_resume(flux_flow *flow) {
    put(flux_fifo_push_head, flow); /* it has started: finish it first */
}

static void stop(void) {
    pthread_mutex_lock(&pool.mu);
    pool.stopping = 1;
    pthread_cond_broadcast(&pool.ready);
    pthread_mutex_unlock(&pool.mu);
    for (int i = 0; i < pool.nworkers; i++) pthread_join(pool.workers[i], NULL);
    free(pool.workers);
}

const flux_runtime flux_pool_runtime = {"pool", start, launch, stop};
