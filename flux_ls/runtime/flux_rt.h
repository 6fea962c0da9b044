/*
 * flux_rt.h — the Flux runtime's internal interface.
 *
 * Shared by the runtime modules (locks.c, session.c, flow.c, source.c, thread.c, pool.c,
 * event.c, signals.c, main.c, profile.c, profile_write.c) and the generated program
 * (flux_program.c). User code never includes it: the user's API is declared in the
 * generated flux_nodes.h.
 *
 * The model: a program is a graph (flux_ls/graph.py); a *flow* is one request walking it.
 * The generated flux_step() runs a flow from its current vertex (flow->pc) until it has run
 * one concrete node (FLUX_CONTINUE), must wait for a constraint (FLUX_WAIT), has finished
 * its source phase and starts as a new flow (FLUX_LAUNCH), ended (FLUX_DONE), or failed in
 * its source phase (FLUX_FAILED). Every runtime drives flows with flux_step() and nothing
 * else, so the node-dispatch path exists once, in the generated code.
 */
#ifndef FLUX_RT_H
#define FLUX_RT_H

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/types.h>

/* What flux_step() returns. */
enum {
    FLUX_CONTINUE, /* ran one concrete node; call again */
    FLUX_WAIT,     /* queued on a constraint; resumed (flux_resume) once it is granted */
    FLUX_LAUNCH,   /* the source phase is over: hand the flow to the runtime */
    FLUX_DONE,     /* the flow ended and was freed: do not touch it again */
    FLUX_FAILED    /* the source phase failed: no flow starts (flow->err says why) */
};

/* The three runtimes of docs/language.md#runtimes. */
enum { FLUX_RT_THREAD, FLUX_RT_POOL, FLUX_RT_EVENT, FLUX_RT_COUNT };

/* How a flow waiting for a constraint is resumed once the constraint is granted to it:
 * its thread is parked on it (thread runtime, source loops), or it is queued again. */
enum { FLUX_RESUME_PARK, FLUX_RESUME_POOL, FLUX_RESUME_EVENT };

typedef struct flux_flow flux_flow;
typedef struct flux_source flux_source;
typedef struct flux_runtime flux_runtime;

/*
 * A reader/writer constraint. `state` holds the reader count, a writer bit and a bit saying
 * that flows are queued; the fast paths are one compare-and-swap. Waiting flows queue in
 * FIFO order and are granted the constraint on release (hand-off), so no thread spins.
 */
typedef struct flux_lock {
    _Atomic uint32_t state;
    pthread_mutex_t mu;      /* protects the queue */
    flux_flow *head, *tail;  /* flows waiting, linked through wait_next */
} flux_lock;

/* One constraint a flow holds (a stack: released in reverse order). */
typedef struct {
    flux_lock *lock;
    int write;
} flux_held;

/* One constraint to acquire when entering a vertex (tables generated per vertex). */
typedef struct {
    uint16_t index;   /* into the program's locks, or into the session's */
    uint8_t session;  /* 1: session-scoped */
    uint8_t write;    /* 1: writer, 0: reader */
} flux_acq;

/* The state of one session id: its session-scoped constraints. Freed when unused. */
typedef struct flux_session {
    uint64_t id;
    long refs;                 /* flows using it (guarded by its stripe's mutex) */
    struct flux_session *next; /* hash chain / free list */
    flux_lock locks[];         /* one per session-scoped constraint name */
} flux_session;

/* A flow: this header, then the generated frame (the nodes' in/out structs). */
struct flux_flow {
    flux_flow *next;          /* run queues and free lists */
    flux_flow *wait_next;     /* a constraint's wait queue */
    int pc;                   /* the graph vertex to run next */
    int lockstep;             /* constraints of vertex pc acquired so far (when resuming) */
    int nheld;                /* constraints held (entries of `held`) */
    int wait_write;           /* the mode it waits for */
    int resume;               /* FLUX_RESUME_PARK, _POOL or _EVENT */
    int err;                  /* error code of a failed source phase */
    int handled;              /* the failure went to a handler */
    flux_held *held;
    flux_session *session;
    flux_source *source;      /* the source that made it (owns its memory) */
    uint64_t path;            /* the path profiler's Ball–Larus sum of the edges taken */
    uint64_t prof_start;      /* profiler: ticks when the flow was launched */
    uint64_t prof_wait_start; /* profiler: ticks when it queued on a constraint */
    int prof_wait_lock;       /* profiler: that constraint (program ones, then session ones) */
    int prof_wait_write;
    sem_t sem;                /* parked flows wait here for a granted constraint */
};

/* A source of the program, as generated. */
typedef struct {
    const char *name;   /* the source node */
    const char *target; /* the node its flows run */
    int start_pc;       /* the pseudo-vertex that takes the ENTRY edge of this source */
} flux_source_desc;

/* The program graph, as generated (flux_program.c), for the path profiler: vertex and
 * edge ids are those of flux_ls/graph.py, `hash` is computed from the graph in Python
 * (flux_ls/profile/graph_hash.py), so a profile names the graph it was recorded on. */
typedef struct {
    const char *hash;                  /* "sha256:<hex>" */
    int nvertices;
    const char *const *vertex_names;
    const char *const *vertex_kinds;   /* "concrete", "abstract", "handler", … */
    const int *vertex_parents;         /* enclosing abstract vertex, or -1 */
    const uint64_t *vertex_paths;      /* Ball–Larus: paths from the vertex to EXIT|ERROR */
    int nedges;
    const int *edge_src, *edge_dst;    /* indexed by edge id */
    const uint64_t *edge_weights;      /* Ball–Larus increments */
    uint64_t npaths;                   /* paths ENTRY → EXIT|ERROR; 0: too many to number */
} flux_graph_desc;

/* The program, as generated (flux_program.c). */
typedef struct {
    const char *name;           /* executable name */
    const char *file;           /* the .flux file */
    int default_runtime;
    int default_threads;        /* 0: one per core */
    size_t flow_size;           /* sizeof the generated flow (header + frame) */
    int max_held;               /* most constraints a flow holds at once */
    int nsources;
    const flux_source_desc *sources;
    int nlocks;                 /* program-scoped constraints, in canonical order */
    const char *const *lock_names;
    int nsession_locks;         /* session-scoped constraints, in canonical order */
    const char *const *session_lock_names;
    const flux_graph_desc *graph;
} flux_program_desc;

/* --- generated (flux_program.c) ------------------------------------------------------ */
extern const flux_program_desc flux_program;
int flux_step(flux_flow *flow);

/* --- the user's API (declared for users in flux_nodes.h) ------------------------------- */
int flux_stopping(void);
void flux_stop(void);
int flux_held_count(void);
int flux_constraint_state(const char *name);
long flux_debug_sessions(void);

/* --- locks.c --------------------------------------------------------------------------- */
extern flux_lock *flux_locks;                 /* the program-scoped constraints */
void flux_locks_init(void);
void flux_lock_init(flux_lock *lock);
void flux_lock_destroy(flux_lock *lock);
/* Acquire `list[flow->lockstep..n)`; 0 when the flow was queued (it resumes later). */
int flux_acquire(flux_flow *flow, const flux_acq *list, int n);
/* Release held constraints, newest first, until `mark` remain. */
void flux_release_to(flux_flow *flow, int mark);

/* --- session.c ------------------------------------------------------------------------- */
void flux_sessions_init(void);
flux_session *flux_session_get(uint64_t id);
void flux_session_put(flux_session *session);
/* Generated code calls this at launch with the session function's result. */
void flux_flow_set_session(flux_flow *flow, uint64_t id);

/* --- flow.c ---------------------------------------------------------------------------- */
extern _Atomic long flux_live;                /* launched flows not yet ended */
extern _Thread_local flux_flow *flux_current; /* the flow this thread is running */
flux_flow *flux_flow_alloc(flux_source *source); /* NULL: out of memory */
flux_flow *flux_flow_new(void);               /* a fresh flow (NULL: out of memory) */
void flux_flow_reset(flux_flow *flow);        /* back to the start of its source */
int flux_flow_end(flux_flow *flow);           /* returns FLUX_DONE; frees the flow */
int flux_source_failed(flux_flow *flow, int err, int handled); /* returns FLUX_FAILED */
void flux_resume(flux_flow *flow);            /* a constraint was granted to a waiting flow */
void flux_park(flux_flow *flow);              /* wait until flux_resume() */
/* Run a flow, parking when it waits, until it ends (FLUX_DONE) or, in its source phase,
 * until the phase is over (FLUX_LAUNCH or FLUX_FAILED); returns that status. */
int flux_run_parked(flux_flow *flow);

/* A FIFO of flows linked through `next`; its user serialises access (with a mutex). */
typedef struct {
    flux_flow *head, *tail;
} flux_fifo;
void flux_fifo_push_tail(flux_fifo *queue, flux_flow *flow);
void flux_fifo_push_head(flux_fifo *queue, flux_flow *flow);
flux_flow *flux_fifo_pop(flux_fifo *queue);   /* the head, or NULL when empty */

/* --- source.c -------------------------------------------------------------------------- */
struct flux_source {
    const flux_source_desc *desc;
    pthread_t thread;
    int threaded;                     /* it has a thread of its own (not a local source) */
    _Atomic int running;              /* 0 once its loop has ended */
    flux_flow *free_local;            /* flows to reuse (only this source's thread) */
    _Atomic(flux_flow *) free_shared; /* flows returned by other threads */
    /* failures without a handler: logged at most once a second */
    long unlogged;
    double last_log;
    /* no memory for a new flow: logged at most once every 10 s */
    long unlogged_oom;
    double last_oom_log;
};
extern flux_source *flux_sources;
void flux_sources_init(void);                 /* before the runtime starts */
int flux_sources_start(const flux_runtime *runtime);
void flux_sources_interrupt(void);            /* pthread_kill each running source */
int flux_sources_running(void);
void flux_sources_join(void);
void flux_admission_release(void);            /* a flow ended: let a waiting source go on */

extern long flux_max_flows;                   /* admission control: FLUX_MAX_FLOWS */
void flux_source_log_failure(flux_source *source, int err); /* rate-limited, to stderr */

/* --- place.c: local sources ------------------------------------------------------------ */
#define FLUX_NOTHING (-1002)        /* a source node's result: no flow now, not a failure */
#define FLUX_PLACE_POLLSETS 4       /* poll sets a place's wake eventfd may be added to */
typedef struct flux_place_t {
    int index;
    int wake_fd;                    /* eventfd: readable when the runtime has other work */
    _Atomic int polling;            /* its thread is (about to be) waiting in flux_poll_wait */
    _Atomic int woken;              /* wake_fd was written and not yet read */
    int nwatched;                   /* the poll sets wake_fd is in (the owner's count) */
    _Atomic int nwatched_shared;    /* the same, for other threads (the event monitor) */
    _Atomic int watched[FLUX_PLACE_POLLSETS];
} flux_place_t;
extern int flux_local_source;               /* index of the local source, or -1 */
extern int flux_nplaces;                    /* places: runtime threads (1 in the thread runtime) */
extern int flux_places_wanted;              /* the runtime runs local sources on places (set by main) */
extern flux_place_t *flux_place_table;        /* NULL unless a local source runs on places */
extern _Thread_local flux_place_t *flux_my_place; /* the place the calling thread owns, or NULL */
extern int (*flux_place_has_work)(void);    /* the runtime: does this thread have work queued? */
extern _Atomic int flux_place_sources;      /* threads inside the local source's phase */
int flux_source_local(const char *name);
int flux_places(void);
int flux_place(void);
int flux_poll_wait(int epfd, struct epoll_event *events, int max, int timeout_ms);
int flux_places_init(int n);
int flux_place_is_local(const flux_source *source);
void flux_place_wake(flux_place_t *place);    /* make its flux_poll_wait return (if waiting) */
int flux_places_wake_one(void);             /* wake one waiting place (not the caller's); 1 if any */
void flux_places_wake_all(void);            /* on shutdown */
int flux_place_input_ready(flux_place_t *place); /* its poll sets have events (poll, no wait) */
/* Runs the local source's phase once on the calling thread (which owns a place): the
 * launched flow, or NULL (nothing now, a failure, shutdown, or too many flows). */
flux_flow *flux_place_poll(void);
int flux_place_free(flux_flow *flow);       /* keep an ended flow on this thread's list; 1 if kept */
void flux_place_thread_end(void);           /* a thread exits: its free flows go to the source */

/* --- runtimes (thread.c, pool.c, event.c) --------------------------------------------- */
struct flux_runtime {
    const char *name;
    int (*start)(int threads);         /* 0 on success */
    void (*launch)(flux_flow *flow);   /* a flow's source phase is over: run the rest */
    void (*stop)(void);                /* every flow ended: stop the threads */
};
extern const flux_runtime flux_thread_runtime, flux_pool_runtime, flux_event_runtime;
void flux_pool_resume(flux_flow *flow);
void flux_event_resume(flux_flow *flow);

/* --- signals.c ------------------------------------------------------------------------- */
extern _Atomic int flux_stopping_flag;
int flux_signals_init(void);                  /* call before any thread starts */
int flux_wait_for_stop(void);                 /* blocks until SIGINT/SIGTERM/flux_stop() */
int flux_wait_signal_ms(int ms);              /* 1 if a stop signal arrived within ms */
int flux_wake_signal(void);                   /* the signal that interrupts sources */

/* --- util ------------------------------------------------------------------------------ */
int flux_cores(void);                         /* CPUs this process may run on */
void flux_fatal(const char *what, int err);   /* print and abort: a broken invariant */
double flux_now(void);                        /* monotonic seconds */
void flux_nap_ms(long ms);                    /* sleep ms milliseconds (a signal ends it early) */
/* Is the thread blocked in the kernel (1), runnable (0: state R, it may just be waiting for a
 * core), or unknown (-1: /proc cannot be read, e.g. out of descriptors)? */
int flux_thread_blocked(pid_t tid);

/* --- profile.c, profile_write.c: the path profiler ---------------------------------------- */
/* Off unless --flux-profile=PATH was given; set once before any thread starts, so reading it
 * is one predictable branch per hook. On, every hook updates counters of its own thread only
 * (merged when the profile is written): nothing shared is written on the dispatch path. */
extern int flux_profiling;
int flux_profile_start(const char *path, const char *runtime, int threads);
void flux_profile_finish(int complete);        /* write the profile (at exit) */
void flux_prof_edge(flux_flow *flow, int edge, uint64_t weight);
void flux_prof_node_begin(int vertex);
void flux_prof_node_end(int vertex, int err);
void flux_prof_launched(flux_flow *flow);      /* the source phase is over */
void flux_prof_flow_end(flux_flow *flow);      /* reached EXIT or ERROR */
void flux_prof_acquired(int lock, int write);  /* lock: program ones, then session ones */
void flux_prof_wait_end(flux_flow *flow);      /* a queued flow was granted its constraint */
uint64_t flux_prof_ticks(void);

#define FLUX_PROF_ON __builtin_expect(flux_profiling, 0)

/* The hooks of the generated flux_step(): edge `edge` (with its Ball–Larus increment) taken,
 * a node (or handler) call begins and ends. */
#define FLUX_EDGE(flow, edge, weight) \
    do { if (FLUX_PROF_ON) flux_prof_edge((flow), (edge), (weight)); } while (0)
#define FLUX_NODE_BEGIN(flow, vertex) \
    do { if (FLUX_PROF_ON) flux_prof_node_begin(vertex); } while (0)
#define FLUX_NODE_END(flow, vertex, err) \
    do { if (FLUX_PROF_ON) flux_prof_node_end((vertex), (err)); } while (0)

#endif
