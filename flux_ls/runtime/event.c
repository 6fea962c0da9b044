/*
 * event.c — the event runtime (docs/language.md#runtimes): every node execution is an event.
 *
 * Event threads (one per core by default) take flows from run queues and advance each by
 * one node (one flux_step() call), then queue it again: flows interleave node by node. A
 * flow whose next constraint is not free is parked on that constraint's queue by
 * flux_acquire() and its thread takes the next event; the flow that releases the constraint
 * queues the waiter again. No event thread ever blocks on a constraint.
 *
 * Queues. Each event thread has its own FIFO (the continuations of the flows it runs): a
 * bounded ring that only its thread appends to and that any thread may take from with one
 * compare-and-swap (as in Go's scheduler; when full, events overflow to the shared queue).
 * New flows from the sources go to a shared injection FIFO. A thread takes from its own queue,
 * then from the shared one (first, one time in 61, so new flows are never starved), then
 * steals the oldest event of another thread, and sleeps only when every queue is empty.
 * When nothing else is queued anywhere, a thread runs the next node of the same flow at
 * once, without the queue round trip.
 *
 * Blocking nodes. A user node may block in a system call (read, sleep) or run long. A
 * monitor thread looks at every event thread once a millisecond; a thread still inside the
 * same node since its last look while events wait — and blocked in the kernel (its state in
 * /proc is not R), or running that one node for 10 ms — is *released*: its queued events move
 * to the shared queue and a spare thread (made on demand, at most MAX_THREADS in all) takes
 * its place, so the number of threads running events stays at the target. When the blocked
 * node returns, its thread queues the flow's continuation and either takes its place back
 * (if one is free) or becomes a spare. Sources run on threads of their own (source.c), except
 * a local source (place.c): then each event thread owns a place and runs the source when it
 * has no event (next_event), the flow it starts at once; a released thread's place goes to
 * the thread that takes its place, and a thread stuck in a node is released also when its
 * place has input (which no other thread polls). wake_one() wakes a thread waiting in its
 * local source through the place's eventfd.
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

#define MAX_THREADS 256
#define FAIR_EVERY 61
#define MONITOR_NS 1000000L
#define RING 256
#define LONG_NODE_TICKS 10 /* a node computing this many ticks is treated as blocking */

typedef struct worker {
    _Atomic uint32_t head;              /* next event to take (any thread, by CAS) */
    _Atomic uint32_t tail;              /* next free slot (only the owner writes) */
    _Atomic(flux_flow *) ring[RING];
    _Atomic uint64_t seq;  /* events started */
    _Atomic int busy;      /* inside flux_step() */
    _Atomic int released;  /* the monitor gave its place away */
    uint64_t seen;         /* the monitor's last look at seq */
    int stuck;             /* looks since seq last changed */
    _Atomic pid_t tid;
    unsigned tick;
    _Atomic(flux_place_t *) place; /* the place it owns, or NULL (changed with ev.mgmt held) */
    pthread_t thread;
} worker;

static struct {
    struct {
        pthread_mutex_t mu;
        flux_fifo fifo;
        _Atomic int count; /* read without the mutex */
    } shared;
    pthread_mutex_t sleep_mu;
    pthread_cond_t sleep_cv;
    _Atomic int idle;
    pthread_mutex_t mgmt; /* the workers table, active count, spares */
    pthread_cond_t spare_cv;
    worker *workers[MAX_THREADS];
    flux_place_t *vacant[MAX_THREADS]; /* places no active thread owns (a stack) */
    int nvacant;
    _Atomic int nworkers;
    int active, target, waiting, activations, warned;
    _Atomic int stopping;
    pthread_t monitor;
} ev = {
    .shared = {PTHREAD_MUTEX_INITIALIZER, {NULL, NULL}, 0},
    .sleep_mu = PTHREAD_MUTEX_INITIALIZER,
    .sleep_cv = PTHREAD_COND_INITIALIZER,
    .mgmt = PTHREAD_MUTEX_INITIALIZER,
    .spare_cv = PTHREAD_COND_INITIALIZER,
};

static _Thread_local worker *self;

/* --- queues ---------------------------------------------------------------------------- */

static uint32_t queued(worker *w) {
    uint32_t tail = atomic_load_explicit(&w->tail, memory_order_acquire);
    return tail - atomic_load_explicit(&w->head, memory_order_acquire);
}

/* Take the oldest event of w's ring (w's thread or any other). */
static flux_flow *take(worker *w) {
    uint32_t head = atomic_load_explicit(&w->head, memory_order_acquire);
    for (;;) {
        uint32_t tail = atomic_load_explicit(&w->tail, memory_order_acquire);
        if (head == tail) return NULL;
        flux_flow *flow = atomic_load_explicit(&w->ring[head % RING], memory_order_relaxed);
        if (atomic_compare_exchange_weak_explicit(&w->head, &head, head + 1,
                                                  memory_order_acq_rel, memory_order_acquire))
            return flow;
    }
}

/* Events queued anywhere (sequentially consistent: pairs with the idle count, so a
 * thread going to sleep and a thread queueing an event cannot miss each other). */
static int pending(void) {
    int n = atomic_load(&ev.shared.count);
    int workers = atomic_load(&ev.nworkers);
    for (int i = 0; i < workers && n == 0; i++) {
        worker *w = ev.workers[i];
        n += (int)(atomic_load(&w->tail) - atomic_load(&w->head));
    }
    return n;
}

/* Wake a sleeping thread, or else one waiting in its local source (place.c). */
static void wake_one(void) {
    if (atomic_load(&ev.idle) == 0) {
        flux_places_wake_one();
        return;
    }
    pthread_mutex_lock(&ev.sleep_mu);
    pthread_cond_signal(&ev.sleep_cv);
    pthread_mutex_unlock(&ev.sleep_mu);
}

static int has_work(void) {
    return pending() > 0;
}

static void push_shared(flux_flow *flow) {
    pthread_mutex_lock(&ev.shared.mu);
    flux_fifo_push_tail(&ev.shared.fifo, flow);
    atomic_fetch_add(&ev.shared.count, 1);
    pthread_mutex_unlock(&ev.shared.mu);
    wake_one();
}

static flux_flow *pop_shared(void) {
    if (atomic_load_explicit(&ev.shared.count, memory_order_relaxed) == 0) return NULL;
    pthread_mutex_lock(&ev.shared.mu);
    flux_flow *flow = flux_fifo_pop(&ev.shared.fifo);
    if (flow != NULL) atomic_fetch_sub(&ev.shared.count, 1);
    pthread_mutex_unlock(&ev.shared.mu);
    return flow;
}

/* Only w's own thread appends to its ring. */
static void push_local(worker *w, flux_flow *flow) {
    uint32_t tail = atomic_load_explicit(&w->tail, memory_order_relaxed);
    uint32_t head = atomic_load_explicit(&w->head, memory_order_acquire);
    if (tail - head >= RING) { /* full: overflow to the shared queue */
        push_shared(flow);
        return;
    }
    atomic_store_explicit(&w->ring[tail % RING], flow, memory_order_relaxed);
    atomic_store_explicit(&w->tail, tail + 1, memory_order_release);
    if (tail - head >= 1) { /* a backlog: let an idle thread steal */
        atomic_thread_fence(memory_order_seq_cst); /* pairs with sleep_until_work() */
        wake_one();
    }
}

static flux_flow *steal(worker *w) {
    int n = atomic_load(&ev.nworkers);
    for (int i = 0; i < n; i++) {
        worker *other = ev.workers[i];
        if (other == w) continue;
        flux_flow *flow = take(other);
        if (flow != NULL) return flow;
    }
    return NULL;
}

/* Sleep until some queue has an event; 0 when the runtime stops. */
static int sleep_until_work(void) {
    pthread_mutex_lock(&ev.sleep_mu);
    atomic_fetch_add(&ev.idle, 1);
    while (!pending() && !atomic_load(&ev.stopping)) pthread_cond_wait(&ev.sleep_cv, &ev.sleep_mu);
    atomic_fetch_sub(&ev.idle, 1);
    pthread_mutex_unlock(&ev.sleep_mu);
    return !atomic_load(&ev.stopping);
}

/* A thread that owns a place runs the local source when it has nothing else to do (it waits
 * there), and once every FAIR_EVERY events even when busy (without waiting). */
static flux_flow *poll_place(worker *w) {
    if (atomic_load(&w->released) || atomic_load(&w->place) == NULL) return NULL;
    flux_flow *flow = flux_place_poll();
    if (flow != NULL) flow->resume = FLUX_RESUME_EVENT;
    return flow;
}

static flux_flow *next_event(worker *w) {
    for (;;) {
        flux_flow *flow = NULL;
        if (++w->tick % FAIR_EVERY == 0) {
            flow = pop_shared();
            if (flow == NULL) flow = poll_place(w);
        }
        if (flow == NULL) flow = take(w);
        if (flow == NULL) flow = pop_shared();
        if (flow == NULL) flow = steal(w);
        if (flow == NULL && atomic_load(&w->place) != NULL && !atomic_load(&w->released) &&
            !atomic_load(&flux_stopping_flag)) {
            if ((flow = poll_place(w)) == NULL) continue; /* woken, or nothing: look again */
        }
        if (flow != NULL) return flow;
        if (!sleep_until_work()) return NULL;
    }
}

/* --- the event loop: THE place where an event thread runs a node ----------------------- */

static void run_event(worker *w, flux_flow *flow) {
    flux_current = flow;
    for (;;) {
        uint64_t seq = atomic_load_explicit(&w->seq, memory_order_relaxed);
        atomic_store_explicit(&w->seq, seq + 1, memory_order_relaxed);
        atomic_store_explicit(&w->busy, 1, memory_order_release);
        int status = flux_step(flow);
        atomic_store_explicit(&w->busy, 0, memory_order_release);
        if (status != FLUX_CONTINUE) break; /* waiting for a constraint, or ended */
        if (atomic_load(&w->released)) {
            push_shared(flow);
            break;
        }
        if (queued(w) != 0 ||
            atomic_load_explicit(&ev.shared.count, memory_order_relaxed) != 0) {
            push_local(w, flow);
            break;
        }
        /* nothing else is waiting: run the flow's next node now */
    }
    flux_current = NULL;
}

/* --- threads: active, released (blocked in a node), spare ------------------------------ */

static void *worker_main(void *arg);

/* With ev.mgmt held: one more thread runs events (a spare, or a new one). */
static void activate_another(void) {
    int n = atomic_load(&ev.nworkers);
    if (ev.waiting > ev.activations) { /* wake a spare (it takes a vacant place in rejoin) */
        ev.activations++;
        ev.active++;
        pthread_cond_signal(&ev.spare_cv);
        return;
    }
    if (n >= MAX_THREADS) {
        if (!ev.warned)
            fprintf(stderr, "flux: event runtime: %d threads blocked in nodes; events wait\n", n);
        ev.warned = 1;
        return;
    }
    worker *w = aligned_alloc(64, (sizeof(worker) + 63) & ~(size_t)63);
    if (w == NULL) return;
    memset(w, 0, sizeof *w);
    atomic_init(&w->place, ev.nvacant > 0 ? ev.vacant[--ev.nvacant] : NULL);
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        if (atomic_load(&w->place) != NULL) ev.vacant[ev.nvacant++] = atomic_load(&w->place);
        free(w);
        return;
    }
    ev.workers[n] = w;
    atomic_store(&ev.nworkers, n + 1);
    ev.active++;
}

/* With ev.mgmt held: w is stuck in a node while events wait. */
static void release_worker(worker *w) {
    atomic_store(&w->released, 1);
    ev.active--;
    flux_place_t *place = atomic_load(&w->place);
    if (place != NULL) { /* its place (and its connections) go to the thread replacing it */
        ev.vacant[ev.nvacant++] = place;
        atomic_store(&w->place, NULL);
    }
    flux_flow *flow;
    while ((flow = take(w)) != NULL) push_shared(flow);
    activate_another();
    pthread_mutex_lock(&ev.sleep_mu);
    pthread_cond_broadcast(&ev.sleep_cv);
    pthread_mutex_unlock(&ev.sleep_mu);
}

/* A released thread's node returned: take a free place back, or wait as a spare.
 * 0 when the runtime stops. */
static int rejoin(worker *w) {
    pthread_mutex_lock(&ev.mgmt);
    for (;;) {
        if (atomic_load(&ev.stopping)) break;
        if (ev.activations > 0) { /* activate_another() counted us already */
            ev.activations--;
            atomic_store(&w->released, 0);
            atomic_store(&w->place, ev.nvacant > 0 ? ev.vacant[--ev.nvacant] : NULL);
            break;
        }
        if (ev.active < ev.target) {
            ev.active++;
            atomic_store(&w->released, 0);
            atomic_store(&w->place, ev.nvacant > 0 ? ev.vacant[--ev.nvacant] : NULL);
            break;
        }
        ev.waiting++;
        pthread_cond_wait(&ev.spare_cv, &ev.mgmt);
        ev.waiting--;
    }
    flux_my_place = atomic_load(&w->place);
    pthread_mutex_unlock(&ev.mgmt);
    return !atomic_load(&ev.stopping);
}

static void *worker_main(void *arg) {
    worker *w = arg;
    self = w;
    pthread_mutex_lock(&ev.mgmt);
    flux_my_place = atomic_load(&w->place);
    pthread_mutex_unlock(&ev.mgmt);
    atomic_store(&w->tid, (pid_t)syscall(SYS_gettid));
    flux_flow *flow;
    while ((flow = next_event(w)) != NULL) {
        run_event(w, flow);
        if (atomic_load(&w->released) && !rejoin(w)) break;
    }
    flux_place_thread_end();
    return NULL;
}

static void *monitor_main(void *arg) {
    (void)arg;
    struct timespec tick = {0, MONITOR_NS};
    while (!atomic_load(&ev.stopping)) {
        nanosleep(&tick, NULL);
        pthread_mutex_lock(&ev.mgmt);
        int n = atomic_load(&ev.nworkers);
        for (int i = 0; i < n; i++) {
            worker *w = ev.workers[i];
            uint64_t seq = atomic_load_explicit(&w->seq, memory_order_relaxed);
            int same = atomic_load(&w->busy) && seq == w->seen && !atomic_load(&w->released);
            w->seen = seq;
            w->stuck = same ? w->stuck + 1 : 0;
            /* events wait, or input of its place (which no other thread polls) */
            if (!same || (pending() == 0 &&
                          (atomic_load(&w->place) == NULL ||
                           !flux_place_input_ready(atomic_load(&w->place)))))
                continue;
            /* blocked, or unknown (no descriptor to read /proc with) */
            if (w->stuck >= LONG_NODE_TICKS || flux_thread_blocked(atomic_load(&w->tid)) != 0) {
                release_worker(w);
                w->stuck = 0;
            }
        }
        pthread_mutex_unlock(&ev.mgmt);
    }
    return NULL;
}

/* --- the runtime's interface ----------------------------------------------------------- */

static int start(int threads) {
    ev.target = threads;
    flux_place_has_work = has_work;
    pthread_mutex_lock(&ev.mgmt);
    for (int i = flux_place_table != NULL ? flux_nplaces - 1 : -1; i >= 0; i--)
        ev.vacant[ev.nvacant++] = &flux_place_table[i]; /* worker i takes place i */
    for (int i = 0; i < threads && i < MAX_THREADS; i++) activate_another();
    int started = atomic_load(&ev.nworkers);
    pthread_mutex_unlock(&ev.mgmt);
    if (started == 0) return -1;
    if (pthread_create(&ev.monitor, NULL, monitor_main, NULL) != 0) return -1;
    return 0;
}

static void launch(flux_flow *flow) {
    flow->resume = FLUX_RESUME_EVENT;
    push_shared(flow);
}

void flux_event_resume(flux_flow *flow) {
    if (self != NULL && !atomic_load(&self->released))
        push_local(self, flow);
    else
        push_shared(flow);
}

static void stop(void) {
    atomic_store(&ev.stopping, 1);
    pthread_mutex_lock(&ev.sleep_mu);
    pthread_cond_broadcast(&ev.sleep_cv);
    pthread_mutex_unlock(&ev.sleep_mu);
    pthread_mutex_lock(&ev.mgmt);
    pthread_cond_broadcast(&ev.spare_cv);
    pthread_mutex_unlock(&ev.mgmt);
    pthread_join(ev.monitor, NULL);
    int n = atomic_load(&ev.nworkers);
    for (int i = 0; i < n; i++) pthread_join(ev.workers[i]->thread, NULL);
}

const flux_runtime flux_event_runtime = {"event", start, launch, stop};
