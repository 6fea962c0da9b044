/*
 * flux_prof.h — the path profiler's per-thread counters, shared by profile.c (recording) and
 * profile_write.c (merging and writing the JSON profile, docs/profile.md).
 *
 * Every thread that runs profiled code owns one flux_prof_thread. Only its owner writes its
 * counters (a relaxed load and store: a plain add, no locked instruction); the writer of the
 * profile reads them with relaxed loads, so a snapshot taken under load (SIGUSR1) is a little
 * stale but never torn. Times are in ticks of flux_prof_ticks() (the TSC on x86-64, else
 * CLOCK_MONOTONIC nanoseconds), converted to nanoseconds when the profile is written.
 */
#ifndef FLUX_PROF_H
#define FLUX_PROF_H

#include "flux_rt.h"

/* Latency histograms: 4 buckets per power of two of ticks (about 19% wide), up to 2^48. */
#define FLUX_PROF_BUCKETS 192
#define FLUX_PROF_FAIL_CODES 4 /* distinct error codes kept per vertex and thread */

typedef _Atomic uint64_t flux_ctr;

static inline void flux_ctr_add(flux_ctr *c, uint64_t n) {
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n,
                          memory_order_relaxed);
}

static inline uint64_t flux_ctr_get(flux_ctr *c) {
    return atomic_load_explicit(c, memory_order_relaxed);
}

static inline int flux_prof_bucket(uint64_t ticks) {
    if (ticks < 4) return (int)ticks;
    int e = 63 - __builtin_clzll(ticks);
    int b = 4 * (e - 1) + (int)((ticks >> (e - 2)) & 3);
    return b < FLUX_PROF_BUCKETS ? b : FLUX_PROF_BUCKETS - 1;
}

/* The ticks [lo, hi) of bucket b (the last bucket has no upper bound). */
static inline void flux_prof_bucket_range(int b, uint64_t *lo, uint64_t *hi) {
    if (b < 4) {
        *lo = (uint64_t)b;
        *hi = (uint64_t)b + 1;
        return;
    }
    int e = b / 4 + 1, sub = b % 4;
    *lo = (uint64_t)(4 + sub) << (e - 2);
    *hi = (uint64_t)(5 + sub) << (e - 2);
}

typedef struct {
    _Atomic int code;
    flux_ctr count;
} flux_prof_fail;

typedef struct {
    flux_ctr count;              /* calls (concrete, source and handler vertices) */
    flux_ctr timed;              /* calls whose wall time was measured (sampled) */
    flux_ctr ticks;              /* their wall time */
    flux_ctr cpu_samples;        /* calls whose CPU time was measured */
    flux_ctr cpu_ns;             /* their CPU time (thread CPU clock) */
    flux_ctr cpu_wall_ticks;     /* their wall time */
    flux_ctr fail_other;         /* failures with codes beyond the kept ones */
    flux_prof_fail fail[FLUX_PROF_FAIL_CODES];
    flux_ctr hist[FLUX_PROF_BUCKETS];
} flux_prof_vertex;

typedef struct {
    flux_ctr acquired[2];        /* [0] reader, [1] writer */
    flux_ctr waited[2];          /* acquisitions that queued */
    flux_ctr wait_ticks[2];
} flux_prof_lock;

typedef struct {
    _Atomic uint64_t key;        /* path id + 1; 0: free slot */
    flux_ctr count;
    flux_ctr ticks;              /* launch to EXIT/ERROR */
    flux_ctr hist[FLUX_PROF_BUCKETS];
} flux_prof_path;

/* An open-addressing table of the paths one thread has seen; grown (copied) by its owner,
 * older tables are kept (a reader may still be looking at one). */
typedef struct flux_prof_paths {
    struct flux_prof_paths *older;
    uint32_t mask, used;
    flux_prof_path slot[];
} flux_prof_paths;

typedef struct flux_prof_thread {
    struct flux_prof_thread *next;       /* every thread's counters (guarded by the registry) */
    int in_use;                          /* owned by a live thread (else reusable) */
    flux_prof_vertex *vertices;
    flux_ctr *edges;
    flux_prof_lock *locks;
    _Atomic(flux_prof_paths *) paths;
    flux_ctr dropped;                    /* paths not recorded: the table reached its limit */
    flux_ctr flows, failed_sources;
    /* the call in progress (a thread runs one node at a time) */
    uint64_t begin, outer;
    uint64_t cpu_begin;
    int timed, sampled;              /* this call: wall time measured, CPU time measured */
} flux_prof_thread;

/* profile.c, for profile_write.c */
extern pthread_mutex_t flux_prof_registry_mu;
extern flux_prof_thread *flux_prof_threads;
extern const char *flux_prof_path_name;
extern const char *flux_prof_runtime;
extern int flux_prof_nthreads;
extern unsigned flux_prof_cpu_every, flux_prof_wall_every;
extern uint64_t flux_prof_ticks0;
extern double flux_prof_mono0, flux_prof_real0;
int flux_prof_nlocks(void);

/* profile_write.c */
int flux_prof_write(int complete);    /* 0, or -1 after saying why on stderr */

#endif
