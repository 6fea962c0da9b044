/*
 * pool.c — the pool runtime (docs/language.md#runtimes): a fixed set of workers takes whole
 * flows from a FIFO.
 *
 * Sources append launched flows to one queue; a worker takes the oldest and runs it to its
 * end, then takes the next. A flow that must wait for a constraint does not keep its worker:
 * the worker takes the next flow, and the flow that releases the constraint puts the waiter
 * back at the *head* of the queue (it has started: finishing it first bounds its latency).
 * Workers that find the queue empty sleep on a condition variable, and a source signals
 * only when one sleeps (or else wakes a worker waiting in its local source, place.c).
 * Default size: one worker per core (--flux-threads / [run] threads to change it; a
 * program whose nodes block for long wants more).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "flux_rt.h"

#define FAIR_EVERY 61

static struct {
    pthread_mutex_t mu;    /* protects the queue, sleeping and stopping */
    pthread_cond_t ready;
    flux_fifo queue;
    _Atomic int queued;    /* flows in the queue (read without the mutex) */
    int sleeping;
    int stopping;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {NULL, NULL}, 0, 0, 0};

/* With pool.mu held (the writers are serialised: no locked instruction on the common path).
 * Only workers with places read the count (try_take): without them it is not kept, and the
 * dispatch benchmark's single worker is as fast as before local sources. */
static void count(int change) {
    if (flux_place_table == NULL) return;
    int n = atomic_load_explicit(&pool.queued, memory_order_relaxed);
    atomic_store_explicit(&pool.queued, n + change, memory_order_relaxed);
}

static int has_work(void) {
    return atomic_load(&pool.queued) > 0;
}

/* The oldest queued flow, or NULL at once when the queue is empty. */
static flux_flow *try_take(void) {
    if (!has_work()) return NULL;
    pthread_mutex_lock(&pool.mu);
    flux_flow *flow = flux_fifo_pop(&pool.queue);
    if (flow != NULL) count(-1);
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
    if (flow != NULL) count(-1);
    pthread_mutex_unlock(&pool.mu);
    return flow;
}

/* Queue a flow (at the tail or the head) and wake a sleeping worker. */
static void put(void (*push)(flux_fifo *, flux_flow *), flux_flow *flow) {
    pthread_mutex_lock(&pool.mu);
    push(&pool.queue, flow);
    count(1);
    int wake = pool.sleeping > 0;
    pthread_mutex_unlock(&pool.mu);
    if (wake) pthread_cond_signal(&pool.ready);
    else if (flux_place_table != NULL)
        flux_places_wake_one(); /* a worker may be waiting in its local source */
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

/* --- workers that own a place (local sources, place.c) -----------------------------------
 *
 * A worker with a place runs its local source when the queue is empty (waiting there) and
 * once every FAIR_EVERY flows even when it is not (without waiting), and runs the flows the
 * source launches itself. A monitor looks at these workers once a millisecond: one that has
 * stayed in one flow while its place has input — blocked in the kernel, or computing for
 * LONG_FLOW_TICKS ms — gives its place (its connections) to a spare thread, and becomes a
 * spare itself once its flow returns, so no connection waits behind a long flow. */

#define MAX_WORKERS 512
#define MONITOR_NS 1000000L
#define LONG_FLOW_TICKS 10

typedef struct {
    pthread_t thread;
    _Atomic(flux_place_t *) place; /* changed with places.mu held */
    _Atomic uint64_t seq;          /* flows run */
    _Atomic int busy;              /* inside run() */
    _Atomic pid_t tid;
    int spare;                     /* made by the monitor: starts by waiting for a place */
    uint64_t seen;                 /* the monitor's last look at seq */
    int stuck;
} pool_worker;

static struct {
    pthread_mutex_t mu;            /* the workers table and the vacant places */
    pthread_cond_t spare;
    pool_worker *workers[MAX_WORKERS];
    int nworkers;
    flux_place_t *vacant[256];
    int nvacant;
    int waiting;                   /* spares in await_place (each takes one vacant place) */
    _Atomic int stopping;
    pthread_t monitor;
    int monitoring;
} places = {.mu = PTHREAD_MUTEX_INITIALIZER, .spare = PTHREAD_COND_INITIALIZER};

static void run_counted(pool_worker *w, flux_flow *flow) {
    atomic_fetch_add_explicit(&w->seq, 1, memory_order_relaxed);
    atomic_store_explicit(&w->busy, 1, memory_order_release);
    run(flow);
    atomic_store_explicit(&w->busy, 0, memory_order_release);
}

/* Wait (as a spare) for a vacant place; NULL once the runtime stops. */
static flux_place_t *await_place(pool_worker *w) {
    pthread_mutex_lock(&places.mu);
    while (places.nvacant == 0 && !atomic_load(&places.stopping)) {
        places.waiting++;
        pthread_cond_wait(&places.spare, &places.mu);
        places.waiting--;
    }
    flux_place_t *p = places.nvacant > 0 ? places.vacant[--places.nvacant] : NULL;
    atomic_store(&w->place, p);
    pthread_mutex_unlock(&places.mu);
    return p;
}

static void *worker(void *arg) {
    pool_worker *w = arg;
    atomic_store(&w->tid, (pid_t)syscall(SYS_gettid));
    flux_flow *flow;
    unsigned tick = 0;
    flux_place_t *first = w->spare ? await_place(w) : atomic_load(&w->place);
    for (flux_place_t *p = first; p != NULL; p = await_place(w)) {
        flux_my_place = p;
        while (atomic_load(&w->place) == p && !atomic_load(&flux_stopping_flag)) {
            flow = ++tick % FAIR_EVERY == 0 ? NULL : try_take();
            if (flow == NULL && (flow = flux_place_poll()) != NULL)
                flow->resume = FLUX_RESUME_POOL;
            if (flow == NULL) flow = try_take();
            if (flow != NULL) run_counted(w, flow);
        }
        flux_my_place = NULL;
        if (atomic_load(&flux_stopping_flag)) break;
    }
    while ((flow = take()) != NULL) run(flow);
    flux_place_thread_end();
    return NULL;
}

/* With places.mu held: a new worker (owning place, or none; a spare waits for one). */
static int add_worker(flux_place_t *place, int spare) {
    if (places.nworkers == MAX_WORKERS) return -1;
    pool_worker *w = calloc(1, sizeof *w);
    if (w == NULL) return -1;
    atomic_init(&w->place, place);
    w->spare = spare;
    int rc = pthread_create(&w->thread, NULL, worker, w);
    if (rc != 0) {
        fprintf(stderr, "flux: cannot start pool worker %d: %s\n", places.nworkers, strerror(rc));
        free(w);
        return -1;
    }
    places.workers[places.nworkers++] = w;
    return 0;
}

static void *monitor(void *arg) {
    (void)arg;
    struct timespec tick = {0, MONITOR_NS};
    while (!atomic_load(&places.stopping)) {
        nanosleep(&tick, NULL);
        pthread_mutex_lock(&places.mu);
        for (int i = 0; i < places.nworkers; i++) {
            pool_worker *w = places.workers[i];
            flux_place_t *p = atomic_load(&w->place);
            uint64_t seq = atomic_load_explicit(&w->seq, memory_order_relaxed);
            int same = p != NULL && atomic_load(&w->busy) && seq == w->seen;
            w->seen = seq;
            w->stuck = same ? w->stuck + 1 : 0;
            if (!same || !flux_place_input_ready(p)) continue;
            /* unknown (no descriptor to read /proc with): wait for LONG_FLOW_TICKS */
            if (w->stuck < LONG_FLOW_TICKS && flux_thread_blocked(atomic_load(&w->tid)) != 1)
                continue;
            atomic_store(&w->place, NULL); /* it becomes a spare when its flow returns */
            places.vacant[places.nvacant++] = p;
            w->stuck = 0;
            if (places.waiting >= places.nvacant) {
                pthread_cond_signal(&places.spare);
            } else if (add_worker(NULL, 1) != 0) {
                places.nvacant--; /* no thread to take it: the place stays where it is */
                atomic_store(&w->place, p);
            }
        }
        pthread_mutex_unlock(&places.mu);
    }
    return NULL;
}

static int start(int threads) {
    flux_place_has_work = has_work;
    pthread_mutex_lock(&places.mu);
    int failed = 0;
    for (int i = 0; i < threads && !failed; i++) {
        flux_place_t *place = flux_place_table != NULL && i < flux_nplaces ? &flux_place_table[i]
                                                                         : NULL;
        failed = add_worker(place, 0) != 0;
    }
    pthread_mutex_unlock(&places.mu);
    if (failed) return -1;
    if (flux_place_table != NULL) {
        if (pthread_create(&places.monitor, NULL, monitor, NULL) != 0) return -1;
        places.monitoring = 1;
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
    pthread_mutex_lock(&places.mu);
    atomic_store(&places.stopping, 1);
    pthread_cond_broadcast(&places.spare);
    pthread_mutex_unlock(&places.mu);
    if (places.monitoring) pthread_join(places.monitor, NULL);
    /* no worker is added from here on: the monitor has ended */
    for (int i = 0; i < places.nworkers; i++) {
        pthread_join(places.workers[i]->thread, NULL);
        free(places.workers[i]);
    }
}

const flux_runtime flux_pool_runtime = {"pool", start, launch, stop};
