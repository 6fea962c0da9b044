/*
 * locks.c — atomicity constraints: reader/writer locks owned by flows, not threads.
 *
 * A flow acquires the constraints of a vertex in canonical order (the generated tables are
 * sorted), holds them on a per-flow stack, and releases them newest first. Reentrancy is
 * resolved when the code is generated: a vertex's table lists only the constraints its
 * enclosing abstract nodes do not already hold, so a flow never asks twice for one lock.
 *
 * Uncontended acquire and release are one atomic operation each. A flow that cannot have a
 * constraint joins the lock's FIFO queue and its thread goes on with other work (event
 * runtime) or parks (thread and pool runtimes, source loops): the releasing flow grants the
 * constraint to the head of the queue and resumes it. Once a flow waits, later arrivals
 * queue behind it, so writers are not starved by a stream of readers.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdlib.h>
#include <string.h>

#include "flux_rt.h"

#define WRITER 0x80000000u
#define WAITERS 0x40000000u
#define READERS 0x3fffffffu

flux_lock *flux_locks;

void flux_lock_init(flux_lock *lock) {
    atomic_init(&lock->state, 0);
    pthread_mutex_init(&lock->mu, NULL);
    lock->head = lock->tail = NULL;
}

void flux_lock_destroy(flux_lock *lock) {
    pthread_mutex_destroy(&lock->mu);
}

void flux_locks_init(void) {
    int n = flux_program.nlocks;
    flux_locks = calloc(n > 0 ? (size_t)n : 1, sizeof *flux_locks);
    if (flux_locks == NULL) flux_fatal("allocating constraints", 0);
    for (int i = 0; i < n; i++) flux_lock_init(&flux_locks[i]);
}

/* Without a queue: one compare-and-swap. */
static int try_fast(flux_lock *lock, int write) {
    uint32_t s = atomic_load_explicit(&lock->state, memory_order_relaxed);
    if (write) {
        s = 0;
        return atomic_compare_exchange_strong_explicit(
            &lock->state, &s, WRITER, memory_order_acquire, memory_order_relaxed);
    }
    while (!(s & (WRITER | WAITERS))) {
        if (atomic_compare_exchange_weak_explicit(&lock->state, &s, s + 1,
                                                  memory_order_acquire, memory_order_relaxed))
            return 1;
    }
    return 0;
}

/* With the queue's mutex held and WAITERS set, the state only loses readers meanwhile. */
static int grantable(flux_lock *lock, int write) {
    uint32_t s = atomic_load(&lock->state);
    return write ? !(s & (WRITER | READERS)) : !(s & WRITER);
}

static void take(flux_lock *lock, int write) {
    if (write)
        atomic_fetch_or(&lock->state, WRITER);
    else
        atomic_fetch_add(&lock->state, 1);
}

static void enqueue(flux_lock *lock, flux_flow *flow, int write) {
    flow->wait_next = NULL;
    flow->wait_write = write;
    if (lock->tail)
        lock->tail->wait_next = flow;
    else
        lock->head = flow;
    lock->tail = flow;
}

/* 1: granted now. 0: queued; the flow must not be touched until flux_resume(). */
static int acquire_slow(flux_lock *lock, flux_flow *flow, int write) {
    pthread_mutex_lock(&lock->mu);
    atomic_fetch_or(&lock->state, WAITERS);
    if (lock->head == NULL && grantable(lock, write)) {
        take(lock, write);
        atomic_fetch_and(&lock->state, ~WAITERS);
        pthread_mutex_unlock(&lock->mu);
        return 1;
    }
    enqueue(lock, flow, write);
    pthread_mutex_unlock(&lock->mu);
    return 0;
}

/* Grant the constraint to the flows at the head of the queue, then resume them. */
static void release_slow(flux_lock *lock, int write) {
    flux_flow *granted = NULL, **last = &granted;
    pthread_mutex_lock(&lock->mu);
    if (write) atomic_fetch_and(&lock->state, ~WRITER);
    while (lock->head != NULL) {
        flux_flow *flow = lock->head;
        int wants_write = flow->wait_write;
        if (!grantable(lock, wants_write)) break;
        take(lock, wants_write);
        lock->head = flow->wait_next;
        if (lock->head == NULL) lock->tail = NULL;
        flow->wait_next = NULL;
        *last = flow;
        last = &flow->wait_next;
        if (wants_write) break;
    }
    if (lock->head == NULL) atomic_fetch_and(&lock->state, ~WAITERS);
    pthread_mutex_unlock(&lock->mu);
    while (granted != NULL) {
        flux_flow *next = granted->wait_next; /* read before the flow runs again */
        flux_resume(granted);
        granted = next;
    }
}

static void release(flux_lock *lock, int write) {
    if (write) {
        uint32_t s = WRITER;
        if (atomic_compare_exchange_strong_explicit(&lock->state, &s, 0, memory_order_release,
                                                    memory_order_relaxed))
            return;
        release_slow(lock, 1);
    } else {
        uint32_t old = atomic_fetch_sub_explicit(&lock->state, 1, memory_order_release);
        if ((old & WAITERS) && (old & READERS) == 1) release_slow(lock, 0);
    }
}

static flux_lock *lock_of(flux_flow *flow, const flux_acq *acq) {
    return acq->session ? &flow->session->locks[acq->index] : &flux_locks[acq->index];
}

int flux_acquire(flux_flow *flow, const flux_acq *list, int n) {
    for (int i = flow->lockstep; i < n; i++) {
        flux_lock *lock = lock_of(flow, &list[i]);
        int write = list[i].write;
        flow->held[flow->nheld].lock = lock;
        flow->held[flow->nheld].write = write;
        flow->nheld++;
        int id = list[i].session ? flux_program.nlocks + list[i].index : list[i].index;
        if (FLUX_PROF_ON) flux_prof_acquired(id, write);
        if (try_fast(lock, write)) continue;
        flow->lockstep = i + 1; /* where to go on once this one is granted */
        if (FLUX_PROF_ON) { /* before it is queued: another thread may grant it at once */
            flow->prof_wait_lock = id;
            flow->prof_wait_write = write;
            flow->prof_wait_start = flux_prof_ticks();
        }
        if (!acquire_slow(lock, flow, write)) return 0;
    }
    flow->lockstep = 0;
    return 1;
}

void flux_release_to(flux_flow *flow, int mark) {
    while (flow->nheld > mark) {
        flux_held *held = &flow->held[--flow->nheld];
        release(held->lock, held->write);
    }
}

/* --- debugging aids of the user API ----------------------------------------------------- */

int flux_held_count(void) {
    return flux_current != NULL ? flux_current->nheld : 0;
}

int flux_constraint_state(const char *name) {
    for (int i = 0; i < flux_program.nlocks; i++) {
        if (strcmp(flux_program.lock_names[i], name) != 0) continue;
        uint32_t s = atomic_load(&flux_locks[i].state);
        return (s & WRITER) ? -1 : (int)(s & READERS);
    }
    return -2;
}
