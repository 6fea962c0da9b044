/*
 * session.c — sessions (docs/language.md#sessions): the session-scoped constraints of one
 * session id.
 *
 * A flow started by a source with a session function belongs to the session whose id that
 * function returned. Entries live in a hash table split into stripes, each with its own
 * mutex, so flows of different sessions rarely meet on a lock. An entry counts the flows
 * using it and is freed (kept on its stripe's short free list) when the last one ends.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdlib.h>

#include "flux_rt.h"

#define STRIPES 64
#define BUCKETS 64 /* per stripe */
#define KEEP_FREE 32

typedef struct {
    pthread_mutex_t mu;
    flux_session *buckets[BUCKETS];
    flux_session *free;
    int nfree;
} stripe;

static stripe stripes[STRIPES];
static _Atomic long live_sessions;

void flux_sessions_init(void) {
    for (int i = 0; i < STRIPES; i++) pthread_mutex_init(&stripes[i].mu, NULL);
}

static uint64_t mix(uint64_t id) {
    id ^= id >> 33;
    id *= 0xff51afd7ed558ccdULL;
    id ^= id >> 33;
    return id;
}

static flux_session *new_session(stripe *s) {
    flux_session *session = s->free;
    if (session != NULL) {
        s->free = session->next;
        s->nfree--;
        return session;
    }
    size_t n = (size_t)flux_program.nsession_locks;
    session = malloc(sizeof *session + n * sizeof(flux_lock));
    if (session == NULL) flux_fatal("allocating a session", 0);
    for (size_t i = 0; i < n; i++) flux_lock_init(&session->locks[i]);
    return session;
}

flux_session *flux_session_get(uint64_t id) {
    uint64_t h = mix(id);
    stripe *s = &stripes[h % STRIPES];
    flux_session **bucket = &s->buckets[(h / STRIPES) % BUCKETS];
    pthread_mutex_lock(&s->mu);
    flux_session *session = *bucket;
    while (session != NULL && session->id != id) session = session->next;
    if (session == NULL) {
        session = new_session(s);
        session->id = id;
        session->refs = 0;
        session->next = *bucket;
        *bucket = session;
        atomic_fetch_add(&live_sessions, 1);
    }
    session->refs++;
    pthread_mutex_unlock(&s->mu);
    return session;
}

void flux_session_put(flux_session *session) {
    uint64_t h = mix(session->id);
    stripe *s = &stripes[h % STRIPES];
    flux_session *dead = NULL;
    pthread_mutex_lock(&s->mu);
    if (--session->refs == 0) {
        flux_session **link = &s->buckets[(h / STRIPES) % BUCKETS];
        while (*link != session) link = &(*link)->next;
        *link = session->next;
        atomic_fetch_sub(&live_sessions, 1);
        if (s->nfree < KEEP_FREE) {
            session->next = s->free;
            s->free = session;
            s->nfree++;
        } else {
            dead = session;
        }
    }
    pthread_mutex_unlock(&s->mu);
    if (dead != NULL) {
        for (int i = 0; i < flux_program.nsession_locks; i++)
            flux_lock_destroy(&dead->locks[i]);
        free(dead);
    }
}

void flux_flow_set_session(flux_flow *flow, uint64_t id) {
    flow->session = flux_session_get(id);
}

long flux_debug_sessions(void) {
    return atomic_load(&live_sessions);
}
