/*
 * flow.c — the life of a flow: allocation, parking on a constraint, resuming, ending; and
 * the FIFO of flows that the pool and event runtimes queue them in.
 *
 * Flows are never freed: each source keeps the flows it made on two free lists, one only
 * its own thread touches and one other threads push ended flows onto (a lock-free stack
 * that the source empties in one exchange, so there is no ABA problem). After warm-up a
 * request costs no malloc and no global lock.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flux_rt.h"

_Atomic long flux_live;
_Thread_local flux_flow *flux_current;

static size_t flow_bytes(void) {
    size_t header = (flux_program.flow_size + 63) & ~(size_t)63;
    size_t held = (size_t)(flux_program.max_held > 0 ? flux_program.max_held : 1);
    return (header + held * sizeof(flux_held) + 63) & ~(size_t)63;
}

/* A new flow, or NULL when out of memory (the source waits and tries again). */
static flux_flow *new_flow(void) {
    size_t header = (flux_program.flow_size + 63) & ~(size_t)63;
    flux_flow *flow = aligned_alloc(64, flow_bytes());
    if (flow == NULL) return NULL;
    memset(flow, 0, sizeof *flow);
    flow->held = (flux_held *)((char *)flow + header);
    if (sem_init(&flow->sem, 0, 0) != 0) {
        free(flow);
        return NULL;
    }
    return flow;
}

flux_flow *flux_flow_new(void) {
    return new_flow();
}

void flux_flow_reset(flux_flow *flow) {
    flow->pc = flow->source->desc->start_pc;
    flow->lockstep = 0;
    flow->nheld = 0;
    flow->resume = FLUX_RESUME_PARK;
    flow->err = 0;
    flow->handled = 0;
    flow->session = NULL;
    flow->path = 0;
    flow->prof_start = 0;
}

flux_flow *flux_flow_alloc(flux_source *source) {
    flux_flow *flow = source->free_local;
    if (flow == NULL) flow = atomic_exchange(&source->free_shared, NULL);
    if (flow != NULL)
        source->free_local = flow->next;
    else if ((flow = new_flow()) == NULL)
        return NULL;
    flow->next = NULL;
    flow->source = source;
    flux_flow_reset(flow);
    return flow;
}

int flux_flow_end(flux_flow *flow) {
    if (FLUX_PROF_ON) flux_prof_flow_end(flow);
    flux_release_to(flow, 0);
    if (flow->session != NULL) {
        flux_session_put(flow->session);
        flow->session = NULL;
    }
    flux_source *source = flow->source;
    if (flux_place_free(flow)) goto ended;
    flux_flow *head = atomic_load_explicit(&source->free_shared, memory_order_relaxed);
    do {
        flow->next = head;
    } while (!atomic_compare_exchange_weak_explicit(&source->free_shared, &head, flow,
                                                    memory_order_release, memory_order_relaxed));
ended: /* the flow may be reused from here on: do not touch it */
    atomic_fetch_sub(&flux_live, 1);
    flux_admission_release();
    return FLUX_DONE;
}

int flux_source_failed(flux_flow *flow, int err, int handled) {
    if (FLUX_PROF_ON) flux_prof_flow_end(flow);
    flux_release_to(flow, 0);
    flow->err = err;
    flow->handled = handled;
    return FLUX_FAILED;
}

void flux_resume(flux_flow *flow) {
    if (FLUX_PROF_ON) flux_prof_wait_end(flow);
    if (flow->resume == FLUX_RESUME_EVENT)
        flux_event_resume(flow);
    else if (flow->resume == FLUX_RESUME_POOL)
        flux_pool_resume(flow);
    else
        sem_post(&flow->sem);
}

void flux_park(flux_flow *flow) {
    while (sem_wait(&flow->sem) != 0)
        if (errno != EINTR) flux_fatal("sem_wait", errno);
}

int flux_run_parked(flux_flow *flow) {
    int status;
    flux_current = flow;
    do {
        status = flux_step(flow);
        if (status == FLUX_WAIT) flux_park(flow);
    } while (status == FLUX_CONTINUE || status == FLUX_WAIT);
    flux_current = NULL;
    return status;
}

void flux_fifo_push_tail(flux_fifo *queue, flux_flow *flow) {
    flow->next = NULL;
    if (queue->tail != NULL)
        queue->tail->next = flow;
    else
        queue->head = flow;
    queue->tail = flow;
}

void flux_fifo_push_head(flux_fifo *queue, flux_flow *flow) {
    flow->next = queue->head;
    queue->head = flow;
    if (queue->tail == NULL) queue->tail = flow;
}

flux_flow *flux_fifo_pop(flux_fifo *queue) {
    flux_flow *flow = queue->head;
    if (flow != NULL) {
        queue->head = flow->next;
        if (queue->head == NULL) queue->tail = NULL;
    }
    return flow;
}
