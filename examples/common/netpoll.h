/*
 * netpoll: the listening socket and the poll set of idle connections, shared by the example
 * servers (webserver, imageserver, kvstore; deadlock uses only np_listen). It is what the
 * paper's servers did (a source that waits in select() on the listener and the idle
 * connections, and a last node that hands the connection back), done with epoll:
 *
 *   - The source node calls np_next(): it waits in epoll_wait on the listening socket and on
 *     every idle connection (EPOLLONESHOT), accepts new connections, and returns the next
 *     connection that has input. That connection is now owned by the flow it starts: no other
 *     flow gets it until the flow hands it back. No thread is parked on an idle connection.
 *   - The flow reads one message with np_read_message() (non-blocking; the source only
 *     returns readable connections), writes its answer with np_send() (below) and ends with
 *     np_rearm() (keep-alive: back to the poll set), np_close_after_output() or np_close().
 *   - Input the flow did not consume stays in the connection's buffer. If it already holds a
 *     complete message (a pipelined request), np_rearm() queues the connection for the source
 *     directly instead of waiting for the socket.
 *   - A flow never waits for a slow reader: np_send() writes what the socket takes now and
 *     leaves the rest to the source, which sends it as the socket drains (EPOLLOUT) and only
 *     then hands the connection back (np_rearm) or closes it (np_close_after_output).
 *
 * Limits (each a field the application may set after np_open; nginx's names in brackets):
 *   - request_ms [client_header_timeout]: a message must arrive whole within this time of its
 *     first byte (of the accept, for a new connection): a byte a second does not extend it.
 *   - idle_ms [keepalive_timeout]: a connection with no input is closed after this long.
 *   - send_ms [send_timeout]: a client that reads nothing of a response for this long is
 *     closed.
 *   - max_conns [worker_connections]: at this many open connections the listener is paused
 *     (new connections wait in the kernel's backlog) until one closes.
 * Out of descriptors or memory at accept (EMFILE, ENFILE, ENOBUFS, ENOMEM), the listener is
 * paused for 100 ms and accepting resumes by itself. Each of these is logged on stderr at most
 * once every NP_LOG_INTERVAL_MS, with a count of the times not shown.
 *
 * Local sources (docs/build.md#local-sources): np_open_set opens one such poll set (a shard)
 * per place, each with its own SO_REUSEPORT listener on the shared port and flux_poll_wait as
 * its wait; the source calls np_next on the shard of flux_place(), so a connection is polled
 * and served by the runtime thread that accepted it, and np_next returns -1 with EAGAIN when
 * that thread has other work (the source then returns FLUX_NOTHING).
 *
 * Thread-safe: np_next may be called from several threads (one at a time waits in epoll; the
 * source's lock guards only the events taken and not yet handed out); flows on different
 * connections run in parallel and take no lock: ownership is one atomic word per slot.
 */
#ifndef FLUX_EXAMPLES_NETPOLL_H
#define FLUX_EXAMPLES_NETPOLL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/uio.h>

#define NP_BATCH 64
#define NP_WRITE_TIMEOUT_MS 10000  /* how long the examples wait for a full socket */
#define NP_LOG_INTERVAL_MS 10000   /* a limit or a shortage is logged at most this often */
#define NP_PAUSE_MS 100            /* how long the listener rests when out of descriptors */

typedef struct np_conn np_conn;
typedef struct np_limits {
    int max_conns, idle_ms, request_ms, send_ms;  /* 0: the default (np_limit_option) */
} np_limits;
typedef struct netpoll netpoll;
typedef struct np_output np_output;

/* The framing of a protocol: the length of the first complete message in buf[0..len) (e.g. a
 * request head), or 0 when buf holds none yet. */
typedef size_t (*np_complete_fn)(const char *buf, size_t len);

/* How np_next waits for events: epoll_wait, or the runtime's flux_poll_wait for a local source
 * (which returns no events when the thread has other work; np_next then returns at once). */
typedef int (*np_wait_fn)(int epfd, struct epoll_event *events, int max, int timeout_ms);

struct np_conn {
    int fd;
    uint32_t id;             /* unique per accepted connection (never reused) */
    netpoll *np;
    char *buf;               /* input buffer (allocated on first read, freed on close) */
    size_t off, len;         /* unconsumed input is buf[off..len) */
    size_t cap;
    _Atomic uint64_t word;   /* generation << 8 | state */
    _Atomic int64_t deadline_ms; /* while in the poll set: the sweep closes it from then on */
    int64_t start_ms;        /* when the message being received began (0: none) */
    np_output *out;          /* output the source sends as the socket drains (np_send) */
    np_conn *next_ready;
    /* the application's per-connection data follows (np_open's conn_size) */
};

struct netpoll {
    int epfd, listen_fd, wake_fd;
    int port;                 /* the port actually bound (useful with port 0) */
    size_t conn_size, buf_cap;
    np_complete_fn complete;
    int (*stopping)(void);    /* non-zero once the server shuts down (flux_stopping) */
    int idle_ms, request_ms, send_ms; /* see "Limits" above */
    int max_conns;            /* default: the descriptor limit less a sixteenth (at least 16) */
    const char *name;         /* how the log lines name this poll set ("http", "admin") */
    np_conn **slots;          /* by descriptor; slots are never freed before np_free */
    int nslots;
    _Atomic int max_fd;
    _Atomic uint32_t next_id;
    _Atomic(np_conn *) ready; /* connections with a complete buffered message */
    _Atomic int64_t next_sweep_ms;
    pthread_mutex_t lock;     /* the source's: events taken and not yet handed out */
    struct epoll_event events[NP_BATCH];
    int count, next;
    np_conn *queue;           /* ready connections moved to the source, oldest first */
    _Atomic long accepted;
    _Atomic int open;         /* connections open now */
    /* The source's (with the lock): the listener paused, and the log of why. */
    int paused;
    int64_t resume_ms;
    int64_t logged_ms[3];
    long unlogged[3];
    _Atomic long refused;     /* times accepting paused (limit or shortage) */
    _Atomic long timed_out;   /* connections the sweep closed */
    _Atomic int *opened;      /* the count max_conns limits (&open, or a set's first shard's) */
    netpoll *log_np;          /* whose logged_ms/unlogged count (itself, or a set's first) */
    np_wait_fn wait;
    int yield;                /* np_next returns (EAGAIN) when wait gives no events */
};

/* A poll set per place of a local source (docs/build.md#local-sources): shard i is polled only
 * by the runtime thread of place i, through its own SO_REUSEPORT listener on the shared port,
 * so a connection's flows start on the thread that accepted it. */
typedef struct np_set {
    netpoll *shards;
    int count;
    int port;                 /* the port every shard listens on */
} np_set;

/* A listening TCP socket on host:port (port 0 picks a free one), opened with SOCK_CLOEXEC and
 * flags (e.g. SOCK_NONBLOCK); *bound gets the port bound. Returns it, or -1 with errno. */
int np_listen(const char *host, int port, int flags, int *bound);

/* Listens on host:port (port 0 picks a free one, see np->port). conn_size is the size of the
 * application's connection struct, whose first member is an np_conn; a message (complete is
 * its framing) must fit in buf_cap bytes. Returns 0 or -1. */
int np_open(netpoll *np, const char *host, int port, size_t conn_size, size_t buf_cap,
            np_complete_fn complete, int (*stopping)(void));

/* Opens count shards (np_open each) listening on host:port with SO_REUSEPORT (port 0: the port
 * the first one bound), sharing one --max-connections count; wait is the runtime's
 * flux_poll_wait (or NULL for epoll_wait). Returns 0, or -1 with errno (nothing left open). */
int np_open_set(np_set *set, int count, const char *host, int port, size_t conn_size,
                size_t buf_cap, np_complete_fn complete, int (*stopping)(void), np_wait_fn wait);
void np_set_limits(np_set *set, const np_limits *limits);
long np_set_accepted(const np_set *set);
void np_free_set(np_set *set);

/* The framing of a line protocol: a line ends with LF (np_complete_fn). */
size_t np_line_length(const char *buf, size_t len);

/* The source: waits for the next connection with input (or a complete buffered message) and
 * marks it owned by the caller. Returns 0 with *out set, or -1 once stopping (or interrupted
 * by a signal, so the caller can check for shutdown; errno EAGAIN: a shard's wait returned no
 * events, its thread has other work). */
int np_next(netpoll *np, np_conn **out);

/* Reads until the buffer holds a complete message and returns its length (> 0); the message
 * is c->buf[c->off..c->off + length), and stays there until np_consume. Returns -1 with errno
 * EAGAIN when the rest has not arrived yet (np_rearm waits for it), EMSGSIZE when buf_cap bytes
 * hold no complete message; 0 at the end of input or on a read error (close the connection). */
ssize_t np_read_message(np_conn *c);

/* Drops the first n unconsumed bytes. */
void np_consume(np_conn *c, size_t n);

/* Writes every iovec (modified in place); waits in poll() while the socket is full, up to
 * timeout_ms per wait. The calling thread (a worker) is held while it waits: the examples
 * answer with np_send, which does not wait. Returns 0 or -1 with errno. */
int np_writev(np_conn *c, struct iovec *iov, int count, int timeout_ms);

/* np_writev with send flags (MSG_MORE: more data follows at once, e.g. a sendfile body). */
int np_sendv(np_conn *c, struct iovec *iov, int count, int flags, int timeout_ms);
int np_write(np_conn *c, const void *data, size_t length, int timeout_ms);

/* sendfile()s length bytes of file from offset; waits like np_writev. */
int np_sendfile(np_conn *c, int file, off_t offset, size_t length, int timeout_ms);

/* Sends the iovecs, then length bytes of file from offset (sendfile; file -1: none), without
 * waiting: what the socket does not take now is left to the source, which sends it as the
 * socket drains (the iovecs' remaining bytes are copied; the file must stay open until
 * release). release(arg), if given, is called exactly once, when the file part is no longer
 * needed: at once, or when the source has sent it or the connection closes. Returns 0 (all
 * sent, or the rest queued: np_output_pending tells) or -1 with errno (nothing queued; the
 * connection should be closed; EBUSY: output is already queued, one np_send per response). After a queued send the flow ends with np_rearm or
 * np_close_after_output as usual, and the source does that once the output is out. */
int np_send(np_conn *c, struct iovec *iov, int count, int flags, int file, off_t offset,
            size_t length, void (*release)(void *), void *arg);
int np_output_pending(const np_conn *c);

/* Hands the connection back: to the source's queue if a complete message is buffered,
 * otherwise to the poll set (after the queued output, if any). The caller must not touch c
 * afterwards. */
void np_rearm(np_conn *c);

/* Closes the connection once its queued output is sent (at once if none). With linger (the
 * caller's judgement that the client may still be sending), it first stops writing and drains
 * the input for up to a second or until the client closes, as np_close_lingering does, but in
 * the poll set: no thread waits. */
void np_close_after_output(np_conn *c, int linger);

/* Closes the connection (and frees its buffer). The caller must not touch c. */
void np_close(np_conn *c);

/* Closes a connection whose client may still be sending (an error answered before the whole
 * request was read): closing with unread input resets the connection, which can destroy the
 * response before the client reads it. So it stops writing (shutdown), reads and drops input
 * for up to linger_ms or until the client closes, then closes; the caller's thread waits
 * meanwhile (np_close_after_output lingers without holding a thread). */
void np_close_lingering(np_conn *c, int linger_ms);

/* Closes the listener, every connection and the poll set. Call once no flow runs. */
void np_free(netpoll *np);

/* Parses the limit options shared by the examples at argv[*i] (see util.h's option):
 * --max-connections N, --idle-timeout-s S, --request-timeout-s S, --send-timeout-s S (S may
 * be fractional). Returns 1 when argv[*i] was one (*i moves past its value), 0 when it is not,
 * -1 (with a message on stderr) for a bad value. np_limits_apply sets them on a poll set. */
int np_limit_option(int argc, char **argv, int *i, np_limits *limits);
void np_limits_apply(netpoll *np, const np_limits *limits);

/* Milliseconds of CLOCK_MONOTONIC. */
int64_t np_now_ms(void);

#endif
