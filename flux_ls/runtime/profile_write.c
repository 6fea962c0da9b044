/*
 * profile_write.c — the path profiler: merge every thread's counters and write the profile,
 * a JSON document of schema "flux-profile/1" (docs/profile.md), to PATH.tmp.<pid>, then
 * rename it over PATH, so a reader never sees half a profile.
 *
 * Path ids are decoded here into the vertices, edges and node names they stand for (the
 * generated graph tables carry the Ball–Larus weights), so the file is read without the
 * program. Per-name node figures are sums over the vertices of that name; an abstract node's
 * figures are those of everything it contains (its sub-flow's nodes).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flux_prof.h"

typedef struct {
    uint64_t count, timed, ticks, cpu_samples, cpu_ns, cpu_wall_ticks, fail_other;
    double cpu_est; /* CPU time of all calls: the samples' scaled to the calls */
    int ncodes;
    int codes[64];
    uint64_t code_counts[64];
    uint64_t hist[FLUX_PROF_BUCKETS];
} vsum;

typedef struct {
    uint64_t id, count, ticks;
    uint64_t hist[FLUX_PROF_BUCKETS];
} psum;

static double ns_per_tick = 1.0;

static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static uint64_t ns(uint64_t ticks) {
    return (uint64_t)((double)ticks * ns_per_tick + 0.5);
}

static uint64_t ns_up(uint64_t ticks) { /* an upper bound stays above its lower bound */
    double x = (double)ticks * ns_per_tick;
    uint64_t n = (uint64_t)x;
    return (double)n < x ? n + 1 : n;
}

static void histogram(FILE *f, const uint64_t *hist) {
    fputs("[", f);
    int first = 1;
    for (int b = 0; b < FLUX_PROF_BUCKETS; b++) {
        if (hist[b] == 0) continue;
        uint64_t lo, hi;
        flux_prof_bucket_range(b, &lo, &hi);
        fprintf(f, "%s[%llu, ", first ? "" : ", ",
                (unsigned long long)(uint64_t)((double)lo * ns_per_tick));
        if (b == FLUX_PROF_BUCKETS - 1)
            fputs("null", f);
        else
            fprintf(f, "%llu", (unsigned long long)ns_up(hi));
        fprintf(f, ", %llu]", (unsigned long long)hist[b]);
        first = 0;
    }
    fputs("]", f);
}

static void add_fail(vsum *s, int code, uint64_t n) {
    for (int i = 0; i < s->ncodes; i++)
        if (s->codes[i] == code) {
            s->code_counts[i] += n;
            return;
        }
    if (s->ncodes == 64) {
        s->fail_other += n;
        return;
    }
    s->codes[s->ncodes] = code;
    s->code_counts[s->ncodes++] = n;
}

static void merge_vertex(vsum *s, flux_prof_vertex *v) {
    s->count += flux_ctr_get(&v->count);
    s->timed += flux_ctr_get(&v->timed);
    s->ticks += flux_ctr_get(&v->ticks);
    s->cpu_samples += flux_ctr_get(&v->cpu_samples);
    s->cpu_ns += flux_ctr_get(&v->cpu_ns);
    s->cpu_wall_ticks += flux_ctr_get(&v->cpu_wall_ticks);
    s->fail_other += flux_ctr_get(&v->fail_other);
    for (int i = 0; i < FLUX_PROF_FAIL_CODES; i++) {
        uint64_t n = atomic_load_explicit(&v->fail[i].count, memory_order_acquire);
        if (n > 0) add_fail(s, atomic_load_explicit(&v->fail[i].code, memory_order_relaxed), n);
    }
    for (int b = 0; b < FLUX_PROF_BUCKETS; b++) s->hist[b] += flux_ctr_get(&v->hist[b]);
}

static void add_vsum(vsum *to, const vsum *from) {
    to->count += from->count;
    to->timed += from->timed;
    to->ticks += from->ticks;
    to->cpu_samples += from->cpu_samples;
    to->cpu_ns += from->cpu_ns;
    to->cpu_wall_ticks += from->cpu_wall_ticks;
    to->fail_other += from->fail_other;
    to->cpu_est += from->cpu_est;
    for (int i = 0; i < from->ncodes; i++) add_fail(to, from->codes[i], from->code_counts[i]);
    for (int b = 0; b < FLUX_PROF_BUCKETS; b++) to->hist[b] += from->hist[b];
}

/* --- paths: merge the per-thread tables, decode ids ---------------------------------- */

static psum *find_path(psum **all, size_t *n, size_t *cap, uint64_t id) {
    for (size_t i = 0; i < *n; i++)
        if ((*all)[i].id == id) return &(*all)[i];
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        psum *more = realloc(*all, *cap * sizeof **all);
        if (more == NULL) return NULL;
        *all = more;
    }
    psum *p = &(*all)[(*n)++];
    memset(p, 0, sizeof *p);
    p->id = id;
    return p;
}

static int by_count(const void *a, const void *b) {
    const psum *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The edge path `id` takes out of vertex v (the last out-edge whose weight fits). */
static int next_edge(const flux_graph_desc *g, int v, uint64_t rest) {
    for (int e = g->nedges - 1; e >= 0; e--)
        if (g->edge_src[e] == v && g->vertex_paths[g->edge_dst[e]] > 0 &&
            g->edge_weights[e] <= rest)
            return e;
    return -1;
}

static int is_node_kind(const char *kind) {
    return strcmp(kind, "concrete") == 0 || strcmp(kind, "source") == 0 ||
           strcmp(kind, "handler") == 0 || strcmp(kind, "unknown") == 0;
}

static void write_path(FILE *f, const flux_graph_desc *g, const psum *p) {
    int edges[4096], n = 0, v = 0;
    uint64_t rest = p->id;
    while (v != 1 && v != 2 && n < 4096) {
        int e = next_edge(g, v, rest);
        if (e < 0) break;
        edges[n++] = e;
        rest -= g->edge_weights[e];
        v = g->edge_dst[e];
    }
    fprintf(f, "    {\"id\": %llu, \"count\": %llu, \"total_ns\": %llu, \"end\": \"%s\",\n",
            (unsigned long long)p->id, (unsigned long long)p->count,
            (unsigned long long)ns(p->ticks), v == 1 ? "exit" : v == 2 ? "error" : "unknown");
    fputs("     \"nodes\": [", f);
    int first = 1;
    for (int i = 0; i < n; i++) {
        int d = g->edge_dst[edges[i]];
        if (!is_node_kind(g->vertex_kinds[d])) continue;
        fputs(first ? "" : ", ", f);
        json_string(f, g->vertex_names[d]);
        first = 0;
    }
    fputs("],\n     \"vertices\": [0", f);
    for (int i = 0; i < n; i++) fprintf(f, ", %d", g->edge_dst[edges[i]]);
    fputs("],\n     \"edges\": [", f);
    for (int i = 0; i < n; i++) fprintf(f, "%s%d", i ? ", " : "", edges[i]);
    fputs("],\n     \"histogram\": ", f);
    histogram(f, p->hist);
    fputs("}", f);
}

/* --- the document ---------------------------------------------------------------------- */

static void write_vsum(FILE *f, const vsum *s) {
    uint64_t cpu = (uint64_t)(s->cpu_est + 0.5);
    fprintf(f, "\"count\": %llu, \"wall_ns\": %llu, \"cpu_ns\": %llu, \"cpu_samples\": %llu, "
            "\"cpu_sampled_ns\": %llu, \"cpu_sampled_wall_ns\": %llu, \"wall_samples\": %llu, "
            "\"failures\": {",
            (unsigned long long)s->count, (unsigned long long)ns(s->ticks),
            (unsigned long long)cpu, (unsigned long long)s->cpu_samples,
            (unsigned long long)s->cpu_ns, (unsigned long long)ns(s->cpu_wall_ticks),
            (unsigned long long)s->timed);
    for (int i = 0; i < s->ncodes; i++)
        fprintf(f, "%s\"%d\": %llu", i ? ", " : "", s->codes[i],
                (unsigned long long)s->code_counts[i]);
    fprintf(f, "}, \"failures_other\": %llu, \"histogram\": ", (unsigned long long)s->fail_other);
    histogram(f, s->hist);
}

typedef struct {
    vsum *vertices;
    uint64_t *edges;
    flux_prof_lock *locks;   /* plain sums in the counters' type */
    psum *paths;
    size_t npaths;
    uint64_t flows, failed_sources, dropped;
} merged;

static int merge(merged *m) {
    const flux_graph_desc *g = flux_program.graph;
    int nlocks = flux_prof_nlocks();
    m->vertices = calloc((size_t)g->nvertices, sizeof *m->vertices);
    m->edges = calloc((size_t)g->nedges + 1, sizeof *m->edges);
    m->locks = calloc((size_t)nlocks + 1, sizeof *m->locks);
    if (m->vertices == NULL || m->edges == NULL || m->locks == NULL) return -1;
    size_t cap = 0;
    pthread_mutex_lock(&flux_prof_registry_mu);
    for (flux_prof_thread *t = flux_prof_threads; t != NULL; t = t->next) {
        for (int v = 0; v < g->nvertices; v++) merge_vertex(&m->vertices[v], &t->vertices[v]);
        for (int e = 0; e < g->nedges; e++) m->edges[e] += flux_ctr_get(&t->edges[e]);
        for (int l = 0; l < nlocks; l++)
            for (int w = 0; w < 2; w++) {
                flux_ctr_add(&m->locks[l].acquired[w], flux_ctr_get(&t->locks[l].acquired[w]));
                flux_ctr_add(&m->locks[l].waited[w], flux_ctr_get(&t->locks[l].waited[w]));
                flux_ctr_add(&m->locks[l].wait_ticks[w],
                             flux_ctr_get(&t->locks[l].wait_ticks[w]));
            }
        m->flows += flux_ctr_get(&t->flows);
        m->failed_sources += flux_ctr_get(&t->failed_sources);
        m->dropped += flux_ctr_get(&t->dropped);
        flux_prof_paths *table = atomic_load_explicit(&t->paths, memory_order_acquire);
        for (uint32_t i = 0; i <= table->mask; i++) {
            flux_prof_path *slot = &table->slot[i];
            uint64_t key = atomic_load_explicit(&slot->key, memory_order_acquire);
            if (key == 0) continue;
            psum *p = find_path(&m->paths, &m->npaths, &cap, key - 1);
            if (p == NULL) {
                pthread_mutex_unlock(&flux_prof_registry_mu);
                return -1;
            }
            p->count += flux_ctr_get(&slot->count);
            p->ticks += flux_ctr_get(&slot->ticks);
            for (int b = 0; b < FLUX_PROF_BUCKETS; b++) p->hist[b] += flux_ctr_get(&slot->hist[b]);
        }
    }
    pthread_mutex_unlock(&flux_prof_registry_mu);
    qsort(m->paths, m->npaths, sizeof *m->paths, by_count);
    return 0;
}

/* Vertices that are not calls: arrivals are the traffic of their in-edges (ENTRY: out);
 * an abstract vertex's times are those of the calls inside it. */
static void derive(merged *m) {
    const flux_graph_desc *g = flux_program.graph;
    for (int v = 0; v < g->nvertices; v++) {
        vsum *s = &m->vertices[v];
        if (s->timed > 0 && s->timed < s->count) { /* wall time sampled: scale to all calls */
            double scale = (double)s->count / (double)s->timed;
            s->ticks = (uint64_t)((double)s->ticks * scale + 0.5);
            for (int b = 0; b < FLUX_PROF_BUCKETS; b++)
                s->hist[b] = (uint64_t)((double)s->hist[b] * scale + 0.5);
        }
        if (s->cpu_samples)
            s->cpu_est = (double)s->cpu_ns * (double)s->count / (double)s->cpu_samples;
        /* a call uses at most its wall time (for calls of a few hundred ns, the clock's own
         * cost, subtracted as measured at start, varies more than the call lasts) */
        double wall = (double)s->ticks * ns_per_tick;
        if (s->cpu_est > wall) s->cpu_est = wall;
    }
    for (int v = 0; v < g->nvertices; v++) {
        if (is_node_kind(g->vertex_kinds[v])) continue;
        uint64_t n = 0;
        for (int e = 0; e < g->nedges; e++)
            if (v == 0 ? g->edge_src[e] == 0 : g->edge_dst[e] == v) n += m->edges[e];
        m->vertices[v].count = n;
    }
    for (int v = 0; v < g->nvertices; v++) {
        if (!is_node_kind(g->vertex_kinds[v])) continue;
        vsum inner = m->vertices[v];
        inner.count = 0;
        inner.ncodes = 0;
        inner.fail_other = 0;
        memset(inner.hist, 0, sizeof inner.hist); /* calls of different nodes: no histogram */
        for (int up = g->vertex_parents[v]; up >= 0; up = g->vertex_parents[up]) {
            if (strcmp(g->vertex_kinds[up], "abstract") != 0) continue;
            uint64_t keep = m->vertices[up].count;
            add_vsum(&m->vertices[up], &inner);
            m->vertices[up].count = keep;
        }
    }
}

static void write_nodes(FILE *f, const merged *m) {
    const flux_graph_desc *g = flux_program.graph;
    int first = 1;
    for (int v = 0; v < g->nvertices; v++) {
        const char *kind = g->vertex_kinds[v];
        if (!is_node_kind(kind) && strcmp(kind, "abstract") != 0) continue;
        int seen = 0;
        for (int u = 0; u < v && !seen; u++)
            seen = strcmp(g->vertex_names[u], g->vertex_names[v]) == 0 &&
                   strcmp(g->vertex_kinds[u], kind) == 0;
        if (seen) continue;
        vsum sum;
        memset(&sum, 0, sizeof sum);
        for (int u = v; u < g->nvertices; u++)
            if (strcmp(g->vertex_names[u], g->vertex_names[v]) == 0 &&
                strcmp(g->vertex_kinds[u], kind) == 0)
                add_vsum(&sum, &m->vertices[u]);
        fputs(first ? "    {\"name\": " : ",\n    {\"name\": ", f);
        json_string(f, g->vertex_names[v]);
        fprintf(f, ", \"kind\": \"%s\", ", kind);
        write_vsum(f, &sum);
        fputs("}", f);
        first = 0;
    }
}

static void write_locks(FILE *f, const merged *m) {
    int nlocks = flux_prof_nlocks();
    for (int l = 0; l < nlocks; l++) {
        int session = l >= flux_program.nlocks;
        const char *name = session ? flux_program.session_lock_names[l - flux_program.nlocks]
                                   : flux_program.lock_names[l];
        fputs(l ? ",\n    {\"name\": " : "    {\"name\": ", f);
        json_string(f, name);
        fprintf(f, ", \"scope\": \"%s\"", session ? "session" : "program");
        for (int w = 0; w < 2; w++)
            fprintf(f, ", \"%s\": {\"acquired\": %llu, \"waited\": %llu, \"wait_ns\": %llu}",
                    w ? "write" : "read",
                    (unsigned long long)flux_ctr_get(&m->locks[l].acquired[w]),
                    (unsigned long long)flux_ctr_get(&m->locks[l].waited[w]),
                    (unsigned long long)ns(flux_ctr_get(&m->locks[l].wait_ticks[w])));
        fputs("}", f);
    }
}

static void write_document(FILE *f, const merged *m, int complete, double now_mono) {
    const flux_graph_desc *g = flux_program.graph;
    fputs("{\n  \"schema\": \"flux-profile/1\",\n  \"program\": ", f);
    json_string(f, flux_program.name);
    fputs(",\n  \"file\": ", f);
    json_string(f, flux_program.file);
    fprintf(f, ",\n  \"graph_hash\": \"%s\",\n  \"runtime\": \"%s\",\n  \"threads\": %d,\n",
            g->hash, flux_prof_runtime, flux_prof_nthreads);
    fprintf(f, "  \"complete\": %s,\n  \"started_unix\": %.3f,\n  \"wall_ns\": %llu,\n",
            complete ? "true" : "false", flux_prof_real0,
            (unsigned long long)((now_mono - flux_prof_mono0) * 1e9));
#if defined(__x86_64__) || defined(__i386__)
    const char *clock = "tsc";
#else
    const char *clock = "monotonic";
#endif
    fprintf(f, "  \"clock\": \"%s\",\n  \"ns_per_tick\": %.6f,\n  \"cpu_sample_every\": %u,\n"
            "  \"wall_sample_every\": %u,\n",
            clock, ns_per_tick, flux_prof_cpu_every, flux_prof_wall_every);
    fprintf(f, "  \"flows\": %llu,\n  \"source_failures\": %llu,\n  \"dropped_paths\": %llu,\n",
            (unsigned long long)m->flows, (unsigned long long)m->failed_sources,
            (unsigned long long)m->dropped);
    fprintf(f, "  \"path_count\": %llu,\n  \"paths\": [\n", (unsigned long long)g->npaths);
    for (size_t i = 0; i < m->npaths; i++) {
        if (i) fputs(",\n", f);
        write_path(f, g, &m->paths[i]);
    }
    fputs("\n  ],\n  \"nodes\": [\n", f);
    write_nodes(f, m);
    fputs("\n  ],\n  \"vertices\": [\n", f);
    for (int v = 0; v < g->nvertices; v++) {
        fprintf(f, "%s    {\"id\": %d, \"name\": ", v ? ",\n" : "", v);
        json_string(f, g->vertex_names[v]);
        fprintf(f, ", \"kind\": \"%s\", \"parent\": ", g->vertex_kinds[v]);
        if (g->vertex_parents[v] < 0)
            fputs("null, ", f);
        else
            fprintf(f, "%d, ", g->vertex_parents[v]);
        write_vsum(f, &m->vertices[v]);
        fputs("}", f);
    }
    fputs("\n  ],\n  \"edges\": [\n", f);
    for (int e = 0; e < g->nedges; e++)
        fprintf(f, "%s    {\"id\": %d, \"src\": %d, \"dst\": %d, \"count\": %llu}",
                e ? ",\n" : "", e, g->edge_src[e], g->edge_dst[e],
                (unsigned long long)m->edges[e]);
    fputs("\n  ],\n  \"constraints\": [\n", f);
    write_locks(f, m);
    fputs("\n  ]\n}\n", f);
}

int flux_prof_write(int complete) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    uint64_t ticks = flux_prof_ticks();
    double mono = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
    if (ticks > flux_prof_ticks0 && mono > flux_prof_mono0)
        ns_per_tick = (mono - flux_prof_mono0) * 1e9 / (double)(ticks - flux_prof_ticks0);
    merged m;
    memset(&m, 0, sizeof m);
    int rc = merge(&m);
    if (rc == 0) {
        derive(&m);
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp.%d", flux_prof_path_name, (int)getpid());
        FILE *f = fopen(tmp, "w");
        if (f == NULL) {
            fprintf(stderr, "flux: cannot write the profile %s: %s\n", tmp, strerror(errno));
            rc = -1;
        } else {
            write_document(f, &m, complete, mono);
            int bad = ferror(f);
            if (fclose(f) != 0 || bad || rename(tmp, flux_prof_path_name) != 0) {
                fprintf(stderr, "flux: cannot write the profile %s: %s\n",
                        flux_prof_path_name, strerror(errno));
                unlink(tmp);
                rc = -1;
            }
        }
    } else {
        fprintf(stderr, "flux: cannot write the profile: out of memory\n");
    }
    free(m.vertices);
    free(m.edges);
    free(m.locks);
    free(m.paths);
    return rc;
}
