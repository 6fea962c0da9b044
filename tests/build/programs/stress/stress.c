/*
 * The C nodes of stress.flux. Every node that runs under constraints announces what it
 * holds to shared counters (guard/unguard) and counts a violation whenever the counters
 * show two writers, or a reader beside a writer, of one constraint — per session for the
 * session constraint s. Usage: stress [FLOWS [IN_FLIGHT]] (default 20000, 256).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "flux_nodes.h"

#define SESSIONS 8

typedef struct {
    atomic_int readers, writers;
} rw;

static rw x, y, z, s[SESSIONS];
/* Plain (non-atomic) data guarded only by the constraints: x_data by x, s_data by s. A
 * runtime whose constraints lacked acquire/release ordering would show ThreadSanitizer a
 * data race here. */
static long x_data, s_data[SESSIONS], sink;
static atomic_long violations, completed, failed_ok, failed_bad;
static long flows = 20000, in_flight = 256, issued;

/* Relaxed on purpose: these counters must not order anything themselves, so that only the
 * runtime's constraints can make x_data and s_data race-free (ThreadSanitizer checks). */
#define ADD(a, n) atomic_fetch_add_explicit(a, n, memory_order_relaxed)
#define GET(a) atomic_load_explicit(a, memory_order_relaxed)

static void enter(rw *c, int write) {
    if (write) {
        if (ADD(&c->writers, 1) != 0 || GET(&c->readers) != 0) atomic_fetch_add(&violations, 1);
    } else {
        ADD(&c->readers, 1);
        if (GET(&c->writers) != 0) atomic_fetch_add(&violations, 1);
    }
}

static void leave(rw *c, int write) {
    if (write)
        ADD(&c->writers, -1);
    else
        ADD(&c->readers, -1);
}

/* A little work inside the critical region, so that flows overlap. */
static void work(long i) {
    volatile long sink = 0;
    for (long k = 0; k < 200 + (i * 7919) % 800; k++) sink += k;
    if (i % 16 == 0) sched_yield();
}

int flux_init(int argc, char **argv) {
    if (argc > 1) flows = atol(argv[1]);
    if (argc > 2) in_flight = atol(argv[2]);
    return 0;
}

void flux_shutdown(void) {
    printf("flows=%ld violations=%ld failed=%ld/%ld held_bad=%ld sessions=%ld\n",
           atomic_load(&completed), atomic_load(&violations), atomic_load(&failed_ok),
           flows / 49 + 1, atomic_load(&failed_bad), flux_debug_sessions());
}

int Gen(Gen_out *out) {
    if (issued == flows) { /* all issued: wait for them, then stop */
        while (atomic_load(&completed) + atomic_load(&failed_ok) + atomic_load(&failed_bad) <
                   flows && !flux_stopping()) {
            struct timespec ms = {0, 1000000L};
            nanosleep(&ms, NULL);
        }
        if (!flux_stopping()) flux_stop();
        while (!flux_stopping()) {
            struct timespec ms = {0, 1000000L};
            nanosleep(&ms, NULL);
        }
        return 1;
    }
    while (issued - atomic_load(&completed) - atomic_load(&failed_ok) -
               atomic_load(&failed_bad) >= in_flight) {
        struct timespec us = {0, 20000L};
        nanosleep(&us, NULL);
    }
    out->i = issued++;
    out->sid = out->i % SESSIONS;
    return 0;
}

uint64_t SessionOf(Work_in *in) { return (uint64_t)in->sid; }

bool Is0(long i) { return i % 7 == 0; }
bool Is1(long i) { return i % 7 == 1; }
bool Is2(long i) { return i % 7 == 2; }
bool Is3(long i) { return i % 7 == 3; }
bool Is4(long i) { return i % 7 == 4; }
bool Is5(long i) { return i % 7 == 5; }

#define PASS(in, out) ((out)->i = (in)->i, (out)->sid = (in)->sid)

int W(W_in *in, W_out *out) {
    enter(&x, 1);
    x_data++;
    work(in->i);
    leave(&x, 1);
    PASS(in, out);
    return in->i % 49 == 0 ? 5 : 0;
}

void WFailed(W_in *in, int err) {
    (void)in;
    if (err == 5 && flux_held_count() == 0)
        atomic_fetch_add(&failed_ok, 1);
    else
        atomic_fetch_add(&failed_bad, 1);
}

int R(R_in *in, R_out *out) {
    enter(&x, 0);
    if (x_data < 0) sink++;
    work(in->i);
    leave(&x, 0);
    PASS(in, out);
    return 0;
}

/* Inside A (x): x and y are held as writers. */
int B(B_in *in, B_out *out) {
    enter(&x, 1);
    enter(&y, 1);
    work(in->i);
    leave(&y, 1);
    leave(&x, 1);
    PASS(in, out);
    return 0;
}

/* Inside C (x elevated, y): x and y are held as writers. */
int D(D_in *in, D_out *out) {
    enter(&x, 1);
    enter(&y, 1);
    work(in->i);
    leave(&y, 1);
    leave(&x, 1);
    PASS(in, out);
    return 0;
}

int S(S_in *in, S_out *out) {
    enter(&s[in->sid], 1);
    s_data[in->sid]++;
    work(in->i);
    leave(&s[in->sid], 1);
    PASS(in, out);
    return 0;
}

int SR(SR_in *in, SR_out *out) {
    enter(&s[in->sid], 0);
    enter(&x, 0);
    if (s_data[in->sid] < 0 || x_data < 0) sink++;
    work(in->i);
    leave(&x, 0);
    leave(&s[in->sid], 0);
    PASS(in, out);
    return 0;
}

/* Inside Nest (x elevated and upgraded to writer, y). */
int N1(N1_in *in, N1_out *out) {
    enter(&x, 1);
    enter(&y, 1);
    work(in->i);
    leave(&y, 1);
    leave(&x, 1);
    PASS(in, out);
    return 0;
}

int N2(N2_in *in, N2_out *out) {
    enter(&x, 1);
    enter(&y, 1);
    enter(&z, 1);
    x_data++;
    work(in->i);
    leave(&z, 1);
    leave(&y, 1);
    leave(&x, 1);
    PASS(in, out);
    return 0;
}

int Finish(Finish_in *in) {
    (void)in;
    atomic_fetch_add(&completed, 1);
    return 0;
}
