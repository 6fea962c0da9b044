/*
 * place.c — local sources (docs/language.md#local-sources): a source whose flows start and run
 * on the thread that polled their input.
 *
 * A program declares a source local in flux_init with flux_source_local(name). In the pool
 * and event runtimes the source then has no thread of its own: each runtime thread owns a
 * *place* (an index 0..flux_places()-1, the thread count) and runs the source's phase itself
 * when it has nothing else to do, so the source polls only the input of its place (a poll set
 * and a listener of its own, e.g. SO_REUSEPORT), and the flow it launches runs on at once, on
 * the same thread: no hand-off, no wake-up of another thread. In the thread runtime, and for
 * every other source, nothing changes: the source runs on a thread of its own (place 0).
 *
 * A local source waits with flux_poll_wait() instead of epoll_wait(): it blocks only when the
 * thread has nothing else to run. When the runtime has work for a thread that is waiting there
 * (a flow resumed after a constraint, an event to steal, shutdown), it makes the wait return
 * with no events through an eventfd that flux_poll_wait added to the poll set, and the source
 * returns FLUX_NOTHING: no flow starts, and that is neither a failure nor logged.
 *
 * Flows of the local source are kept on a free list per thread (a thread that ends more flows
 * than it starts gives the surplus to the source's shared list), so starting and ending a
 * flow touches no shared memory.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "flux_rt.h"

#define WAKE_KEY (UINT64_MAX - 15)  /* the data of the wake eventfd in a source's poll set */
#define KEEP_FREE 256               /* free flows a thread keeps before sharing the rest */

int flux_local_source = -1;
int flux_nplaces = 1;
int flux_places_wanted;
flux_place_t *flux_place_table;
_Thread_local flux_place_t *flux_my_place;
int (*flux_place_has_work)(void);
_Atomic int flux_place_sources;

static _Thread_local flux_flow *free_flows;
static _Thread_local int nfree;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

int flux_source_local(const char *name) {
    for (int i = 0; i < flux_program.nsources; i++) {
        if (strcmp(flux_program.sources[i].name, name) != 0) continue;
        if (flux_local_source >= 0 && flux_local_source != i) {
            errno = EBUSY; /* one local source per program */
            return -1;
        }
        /* The places (and their descriptors) exist before flux_init returns: a program that
         * says it is ready after flux_init has every descriptor the runtime keeps open. */
        if (flux_places_wanted && flux_place_table == NULL && flux_places_init(flux_nplaces) != 0)
            return -1;
        flux_local_source = i;
        return 0;
    }
    errno = ENOENT;
    return -1;
}

int flux_places(void) {
    return flux_nplaces;
}

int flux_place(void) {
    return flux_my_place != NULL ? flux_my_place->index : 0;
}

int flux_places_init(int n) {
    flux_place_t *table = calloc((size_t)n, sizeof *table);
    if (table == NULL) return -1;
    for (int i = 0; i < n; i++) {
        table[i].index = i;
        table[i].wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (table[i].wake_fd < 0) {
            int error = errno;
            while (i-- > 0) close(table[i].wake_fd);
            free(table);
            errno = error;
            return -1;
        }
    }
    flux_place_table = table;
    return 0;
}

int flux_place_is_local(const flux_source *source) {
    return flux_place_table != NULL && source->desc == &flux_program.sources[flux_local_source];
}

void flux_place_wake(flux_place_t *p) {
    if (!atomic_load(&p->polling) || atomic_exchange(&p->woken, 1)) return;
    uint64_t one = 1;
    ssize_t ignored = write(p->wake_fd, &one, sizeof one);
    (void)ignored;
}

int flux_places_wake_one(void) {
    if (flux_place_table == NULL) return 0;
    atomic_thread_fence(memory_order_seq_cst); /* the caller queued work: pairs with polling */
    for (int i = 0; i < flux_nplaces; i++) {
        flux_place_t *p = &flux_place_table[i];
        if (p != flux_my_place && atomic_load(&p->polling) && !atomic_load(&p->woken)) {
            flux_place_wake(p);
            return 1;
        }
    }
    return 0;
}

void flux_places_wake_all(void) {
    for (int i = 0; flux_place_table != NULL && i < flux_nplaces; i++) {
        atomic_store(&flux_place_table[i].polling, 1); /* wake even one about to poll */
        flux_place_wake(&flux_place_table[i]);
    }
}

/* Registers the place's wake eventfd in epfd (once per poll set). */
static int watch(flux_place_t *p, int epfd) {
    for (int i = 0; i < p->nwatched; i++)
        if (p->watched[i] == epfd) return 0;
    if (p->nwatched == FLUX_PLACE_POLLSETS) {
        errno = ENOSPC;
        return -1;
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = WAKE_KEY};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, p->wake_fd, &ev) != 0 && errno != EEXIST) return -1;
    atomic_store(&p->watched[p->nwatched], epfd);
    atomic_store(&p->nwatched_shared, p->nwatched + 1);
    p->nwatched++;
    return 0;
}

int flux_poll_wait(int epfd, struct epoll_event *events, int max, int timeout_ms) {
    flux_place_t *p = flux_my_place;
    if (p == NULL) /* a source thread (thread runtime, or not local): an ordinary wait */
        return epoll_wait(epfd, events, max, timeout_ms);
    if (watch(p, epfd) != 0) return -1;
    atomic_store(&p->polling, 1); /* seq_cst: pairs with the runtime queueing work */
    if (flux_stopping() || (flux_place_has_work != NULL && flux_place_has_work()))
        timeout_ms = 0;
    int n = epoll_wait(epfd, events, max, timeout_ms);
    atomic_store(&p->polling, 0);
    if (n <= 0) return n;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (events[i].data.u64 == WAKE_KEY) {
            uint64_t count;
            while (read(p->wake_fd, &count, sizeof count) > 0) {}
            atomic_store(&p->woken, 0);
        } else {
            events[kept++] = events[i];
        }
    }
    return kept;
}

int flux_place_input_ready(flux_place_t *p) {
    int n = atomic_load(&p->nwatched_shared);
    for (int i = 0; i < n; i++) {
        struct pollfd pfd = {.fd = atomic_load(&p->watched[i]), .events = POLLIN};
        if (poll(&pfd, 1, 0) > 0) return 1;
    }
    return 0;
}

/* --- the local source's phase, on a runtime thread ----------------------------------------- */

static flux_flow *alloc_local(flux_source *source) {
    if (free_flows == NULL) { /* take what other threads gave back, all at once */
        for (flux_flow *f = atomic_exchange(&source->free_shared, NULL), *next; f; f = next) {
            next = f->next;
            f->next = free_flows;
            free_flows = f;
            nfree++;
        }
    }
    flux_flow *flow = free_flows;
    if (flow == NULL) flow = flux_flow_new();
    else {
        free_flows = flow->next;
        nfree--;
    }
    if (flow == NULL) return NULL;
    flow->next = NULL;
    flow->source = source;
    flux_flow_reset(flow);
    return flow;
}

void flux_place_thread_end(void) {
    if (free_flows == NULL) return;
    flux_source *source = &flux_sources[flux_local_source];
    flux_flow *last = free_flows;
    while (last->next != NULL) last = last->next;
    flux_flow *head = atomic_load(&source->free_shared);
    do {
        last->next = head;
    } while (!atomic_compare_exchange_weak(&source->free_shared, &head, free_flows));
    free_flows = NULL;
    nfree = 0;
}

int flux_place_free(flux_flow *flow) {
    if (flux_my_place == NULL || nfree >= KEEP_FREE || !flux_place_is_local(flow->source))
        return 0;
    flow->next = free_flows;
    free_flows = flow;
    nfree++;
    return 1;
}

flux_flow *flux_place_poll(void) {
    flux_source *source = &flux_sources[flux_local_source];
    atomic_fetch_add(&flux_place_sources, 1); /* before the check: pairs with shut_down() */
    flux_flow *flow = NULL;
    if (atomic_load(&flux_stopping_flag) || atomic_load(&flux_live) >= flux_max_flows ||
        (flow = alloc_local(source)) == NULL) { /* out of memory: input waits in the kernel */
        atomic_fetch_sub(&flux_place_sources, 1);
        if (!atomic_load(&flux_stopping_flag)) flux_nap_ms(1); /* until some flows end */
        return NULL;
    }
    flux_flow *saved = flux_current;
    int status = flux_run_parked(flow);
    flux_current = saved;
    atomic_fetch_sub(&flux_place_sources, 1);
    if (status == FLUX_LAUNCH) {
        atomic_fetch_add(&flux_live, 1);
        if (FLUX_PROF_ON) flux_prof_launched(flow);
        return flow;
    }
    if (!flow->handled && !atomic_load(&flux_stopping_flag)) {
        pthread_mutex_lock(&log_mu);
        flux_source_log_failure(source, flow->err);
        pthread_mutex_unlock(&log_mu);
    }
    flow->next = free_flows;
    free_flows = flow;
    nfree++;
    return NULL;
}
