/*
 * profile.c — the path profiler (docs/language.md#path-profiling-and-simulation, docs/profile.md): recording.
 *
 * Compiled into every server, off unless it starts with --flux-profile=PATH. Off, each hook
 * of the generated flux_step() is one test of flux_profiling. On:
 *
 * - every edge a flow takes adds its Ball–Larus increment (a constant emitted by the code
 *   generator) to flow->path and counts the edge; when the flow reaches EXIT or ERROR its
 *   path id is counted with its latency (from the end of the source phase);
 * - every node and handler call is counted, with its failures; its wall time (the TSC) is
 *   measured on the first 8 calls and then one in FLUX_PROFILE_WALL_EVERY per vertex and
 *   thread (default 16), its CPU time (the thread CPU clock, a system call) on the first 8
 *   and then one in FLUX_PROFILE_CPU_EVERY (default 1024); the writer scales them to all calls;
 * - every constraint acquisition is counted, and a flow that queues for one is timed until
 *   it is granted, readers and writers apart.
 *
 * All counters are per thread (flux_prof.h); a thread registers once, on its first hook (in
 * the thread runtime a flow thread reuses the counters of an ended one). The profile is
 * written at exit and whenever the process gets SIGUSR1 (a thread of its own waits for it),
 * by profile_write.c: write a temporary file, then rename it over PATH.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

#include "flux_prof.h"

#define MAX_PATH_SLOTS (1u << 16) /* distinct paths one thread records */

int flux_profiling;
pthread_mutex_t flux_prof_registry_mu = PTHREAD_MUTEX_INITIALIZER;
flux_prof_thread *flux_prof_threads;
const char *flux_prof_path_name;
const char *flux_prof_runtime;
int flux_prof_nthreads;
unsigned flux_prof_cpu_every = 1024;
unsigned flux_prof_wall_every = 16;
uint64_t flux_prof_ticks0;
double flux_prof_mono0, flux_prof_real0;

static _Thread_local flux_prof_thread *self;
static pthread_key_t owner_key; /* its destructor frees a thread's counters for reuse */
static pthread_t dump_thread;
static _Atomic int dump_stopping;
static uint64_t cpu_cost; /* CPU time between two back-to-back reads of the CPU clock */

uint64_t flux_prof_ticks(void) {
#if defined(__x86_64__) || defined(__i386__)
    return __rdtsc();
#else
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
#endif
}

static uint64_t cpu_now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

int flux_prof_nlocks(void) {
    return flux_program.nlocks + flux_program.nsession_locks;
}

/* --- per-thread counters --------------------------------------------------------------- */

/* Zeroed, on cache lines of its own: threads' counters never share a line (false sharing
 * would make every update a cache miss on the other thread's core). */
static void *zalloc(size_t n, size_t size) {
    size_t bytes = ((n > 0 ? n : 1) * size + 127) & ~(size_t)127;
    void *p = aligned_alloc(128, bytes);
    if (p == NULL) flux_fatal("allocating profile counters", ENOMEM);
    memset(p, 0, bytes);
    return p;
}

static flux_prof_paths *new_paths(uint32_t slots) {
    flux_prof_paths *t = zalloc(1, sizeof *t + slots * sizeof(flux_prof_path));
    t->mask = slots - 1;
    return t;
}

static flux_prof_thread *new_thread(void) {
    const flux_graph_desc *g = flux_program.graph;
    flux_prof_thread *t = zalloc(1, sizeof *t);
    t->vertices = zalloc((size_t)g->nvertices, sizeof *t->vertices);
    t->edges = zalloc((size_t)g->nedges, sizeof *t->edges);
    t->locks = zalloc((size_t)flux_prof_nlocks(), sizeof *t->locks);
    atomic_init(&t->paths, new_paths(64));
    return t;
}

static void release_thread(void *arg) {
    flux_prof_thread *t = arg;
    pthread_mutex_lock(&flux_prof_registry_mu);
    t->in_use = 0;
    pthread_mutex_unlock(&flux_prof_registry_mu);
}

/* This thread's counters: registered on its first hook (a reusable set, or a new one). */
static flux_prof_thread *me(void) {
    if (__builtin_expect(self != NULL, 1)) return self;
    pthread_mutex_lock(&flux_prof_registry_mu);
    flux_prof_thread *t = flux_prof_threads;
    while (t != NULL && t->in_use) t = t->next;
    if (t == NULL) {
        t = new_thread();
        t->next = flux_prof_threads;
        flux_prof_threads = t;
    }
    t->in_use = 1;
    pthread_mutex_unlock(&flux_prof_registry_mu);
    pthread_setspecific(owner_key, t);
    self = t;
    return t;
}

/* Only the owner grows its table; a reader may still hold the older one (kept). */
static flux_prof_paths *grow(flux_prof_thread *t, flux_prof_paths *old) {
    uint32_t slots = (old->mask + 1) * 2;
    flux_prof_paths *bigger = new_paths(slots);
    for (uint32_t i = 0; i <= old->mask; i++) {
        flux_prof_path *from = &old->slot[i];
        uint64_t key = atomic_load_explicit(&from->key, memory_order_relaxed);
        if (key == 0) continue;
        uint32_t j = (uint32_t)(key * 0x9E3779B97F4A7C15u >> 32) & bigger->mask;
        while (atomic_load_explicit(&bigger->slot[j].key, memory_order_relaxed) != 0)
            j = (j + 1) & bigger->mask;
        flux_prof_path *to = &bigger->slot[j];
        atomic_init(&to->key, key);
        atomic_init(&to->count, flux_ctr_get(&from->count));
        atomic_init(&to->ticks, flux_ctr_get(&from->ticks));
        for (int b = 0; b < FLUX_PROF_BUCKETS; b++)
            atomic_init(&to->hist[b], flux_ctr_get(&from->hist[b]));
        bigger->used++;
    }
    bigger->older = old;
    atomic_store_explicit(&t->paths, bigger, memory_order_release);
    return bigger;
}

static flux_prof_path *path_slot(flux_prof_thread *t, uint64_t id) {
    flux_prof_paths *table = atomic_load_explicit(&t->paths, memory_order_relaxed);
    uint64_t key = id + 1;
    for (;;) {
        uint32_t j = (uint32_t)(key * 0x9E3779B97F4A7C15u >> 32) & table->mask;
        for (;;) {
            uint64_t k = atomic_load_explicit(&table->slot[j].key, memory_order_relaxed);
            if (k == key) return &table->slot[j];
            if (k == 0) break;
            j = (j + 1) & table->mask;
        }
        if (2 * (table->used + 1) <= table->mask + 1) {
            table->used++;
            /* release: a reader that sees the key sees zeroed counters */
            atomic_store_explicit(&table->slot[j].key, key, memory_order_release);
            return &table->slot[j];
        }
        if (table->mask + 1 >= MAX_PATH_SLOTS) return NULL;
        table = grow(t, table);
    }
}

/* --- the hooks ------------------------------------------------------------------------- */

void flux_prof_edge(flux_flow *flow, int edge, uint64_t weight) {
    flow->path += weight;
    flux_ctr_add(&me()->edges[edge], 1);
}

/* Which calls are measured, from the vertex's call count n on this thread: the first 8 (so a
 * rare node gets figures), then one in FLUX_PROFILE_WALL_EVERY for the wall time (two TSC
 * reads, about 13 ns each on a VM: more than the rest of a hook) and one in
 * FLUX_PROFILE_CPU_EVERY for the CPU time too. Both are powers of two, the wall one no larger,
 * and share their phase, so every CPU-sampled call is wall-timed. The writer scales the timed
 * calls' sums and histogram to all calls. */
void flux_prof_node_begin(int vertex) {
    flux_prof_thread *t = me();
    uint64_t n = flux_ctr_get(&t->vertices[vertex].count);
    unsigned wmask = flux_prof_wall_every - 1, phase = wmask >> 1;
    int timed = (n < 8) | ((n & wmask) == phase);
    t->timed = timed;
    if (__builtin_expect(!timed, 1)) return;
    unsigned cmask = flux_prof_cpu_every - 1;
    t->sampled = (n < 8) | ((n & cmask) == phase);
    if (t->sampled) { /* the CPU clock is read inside [outer, end of call + its read] */
        t->outer = flux_prof_ticks();
        t->cpu_begin = cpu_now_ns();
    }
    t->begin = flux_prof_ticks();
}

void flux_prof_node_end(int vertex, int err) {
    flux_prof_thread *t = me();
    flux_prof_vertex *v = &t->vertices[vertex];
    flux_ctr_add(&v->count, 1);
    if (__builtin_expect(t->timed, 0)) {
        uint64_t ticks = flux_prof_ticks() - t->begin;
        flux_ctr_add(&v->timed, 1);
        flux_ctr_add(&v->ticks, ticks);
        flux_ctr_add(&v->hist[flux_prof_bucket(ticks)], 1);
        t->timed = 0;
        if (t->sampled) {
            uint64_t cpu = cpu_now_ns();
            flux_ctr_add(&v->cpu_samples, 1);
            uint64_t used = cpu - t->cpu_begin; /* less the clock's own cost, measured at start */
            flux_ctr_add(&v->cpu_ns, used > cpu_cost ? used - cpu_cost : 0);
            flux_ctr_add(&v->cpu_wall_ticks, flux_prof_ticks() - t->outer);
            t->sampled = 0;
        }
    }
    if (err == 0) return;
    for (int i = 0; i < FLUX_PROF_FAIL_CODES; i++) {
        int code = atomic_load_explicit(&v->fail[i].code, memory_order_relaxed);
        if (code == err && flux_ctr_get(&v->fail[i].count) > 0) {
            flux_ctr_add(&v->fail[i].count, 1);
            return;
        }
        if (flux_ctr_get(&v->fail[i].count) == 0) {
            atomic_store_explicit(&v->fail[i].code, err, memory_order_relaxed);
            atomic_store_explicit(&v->fail[i].count, 1, memory_order_release);
            return;
        }
    }
    flux_ctr_add(&v->fail_other, 1);
}

void flux_prof_launched(flux_flow *flow) {
    flow->prof_start = flux_prof_ticks();
}

void flux_prof_flow_end(flux_flow *flow) {
    flux_prof_thread *t = me();
    int launched = flow->prof_start != 0;
    if (!launched && flux_stopping()) return; /* a source interrupted by the shutdown */
    flux_ctr_add(launched ? &t->flows : &t->failed_sources, 1);
    if (flux_program.graph->npaths == 0) return;
    flux_prof_path *p = path_slot(t, flow->path);
    if (p == NULL) {
        flux_ctr_add(&t->dropped, 1);
        return;
    }
    flux_ctr_add(&p->count, 1);
    if (!launched) return; /* no flow started: no latency */
    uint64_t ticks = flux_prof_ticks() - flow->prof_start;
    flux_ctr_add(&p->ticks, ticks);
    flux_ctr_add(&p->hist[flux_prof_bucket(ticks)], 1);
}

void flux_prof_acquired(int lock, int write) {
    flux_ctr_add(&me()->locks[lock].acquired[write], 1);
}

void flux_prof_wait_end(flux_flow *flow) {
    flux_prof_lock *l = &me()->locks[flow->prof_wait_lock];
    int w = flow->prof_wait_write;
    flux_ctr_add(&l->waited[w], 1);
    flux_ctr_add(&l->wait_ticks[w], flux_prof_ticks() - flow->prof_wait_start);
}

/* --- start, SIGUSR1, finish ------------------------------------------------------------ */

static void *dump_main(void *arg) {
    sigset_t *set = arg;
    for (;;) {
        int sig;
        if (sigwait(set, &sig) != 0) continue;
        if (atomic_load(&dump_stopping)) break;
        flux_prof_write(0);
    }
    return NULL;
}

static double clock_of(clockid_t id) {
    struct timespec now;
    clock_gettime(id, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* A sampling period from the environment, rounded up to a power of two (the test is a mask). */
static int every_of(const char *name, unsigned *out) {
    const char *every = getenv(name);
    if (every == NULL) return 0;
    long n = atol(every);
    if (n < 1 || n > 65536) {
        fprintf(stderr, "flux: %s wants a number from 1 to 65536, not '%s'\n", name, every);
        return -1;
    }
    unsigned p = 1;
    while (p < (unsigned)n) p *= 2;
    *out = p;
    return 0;
}

/* Called by main before any other thread starts (SIGUSR1 is blocked in every thread then). */
int flux_profile_start(const char *path, const char *runtime, int threads) {
    static sigset_t usr1;
    if (every_of("FLUX_PROFILE_CPU_EVERY", &flux_prof_cpu_every) != 0 ||
        every_of("FLUX_PROFILE_WALL_EVERY", &flux_prof_wall_every) != 0)
        return -1;
    if (flux_prof_wall_every > flux_prof_cpu_every) flux_prof_wall_every = flux_prof_cpu_every;
    if (*path == '\0') {
        fprintf(stderr, "flux: --flux-profile wants a file name\n");
        return -1;
    }
    struct stat info;
    if (stat(path, &info) == 0 && S_ISDIR(info.st_mode)) {
        fprintf(stderr, "flux: --flux-profile=%s is a directory: give a file name\n", path);
        return -1;
    }
    char probe[4096];
    snprintf(probe, sizeof probe, "%s.tmp.%d", path, (int)getpid());
    FILE *f = fopen(probe, "w"); /* fail now, not when the profile is due */
    if (f == NULL) {
        fprintf(stderr, "flux: cannot write the profile %s: %s\n", path, strerror(errno));
        return -1;
    }
    fclose(f);
    unlink(probe);
    flux_prof_path_name = path;
    flux_prof_runtime = runtime;
    flux_prof_nthreads = threads;
    flux_prof_real0 = clock_of(CLOCK_REALTIME);
    flux_prof_mono0 = clock_of(CLOCK_MONOTONIC);
    flux_prof_ticks0 = flux_prof_ticks();
    cpu_cost = UINT64_MAX;
    for (int i = 0; i < 16; i++) {
        uint64_t a = cpu_now_ns(), b = cpu_now_ns();
        if (b - a < cpu_cost) cpu_cost = b - a;
    }
    if (pthread_key_create(&owner_key, release_thread) != 0) return -1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    int rc = pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    if (rc == 0) rc = pthread_create(&dump_thread, NULL, dump_main, &usr1);
    if (rc != 0) {
        fprintf(stderr, "flux: cannot start the profiler: %s\n", strerror(rc));
        return -1;
    }
    flux_profiling = 1;
    return 0;
}

void flux_profile_finish(int complete) {
    if (!flux_profiling) return;
    atomic_store(&dump_stopping, 1);
    pthread_kill(dump_thread, SIGUSR1);
    pthread_join(dump_thread, NULL);
    flux_prof_write(complete);
}
