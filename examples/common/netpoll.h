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
 *     returns readable connections), writes with np_write() (waits with poll() only when the
 *     socket buffer is full) and ends with np_rearm() (keep-alive: back to the poll set) or
 *     np_close().
 *   - Input the flow did not consume stays in the connection's buffer. If it already holds a
 *     complete message (a pipelined request), np_rearm() queues the connection for the source
 *     directly instead of waiting for the socket.
 *   - Idle connections are closed after idle_ms, connections with a partial message after
 *     partial_ms (slow clients cannot pin descriptors for ever).
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

typedef struct np_conn np_conn;
typedef struct netpoll netpoll;

/* The framing of a protocol: the length of the first complete message in buf[0..len) (e.g. a
 * request head), or 0 when buf holds none yet. */
typedef size_t (*np_complete_fn)(const char *buf, size_t len);

struct np_conn {
    int fd;
    uint32_t id;             /* unique per accepted connection (never reused) */
    netpoll *np;
    char *buf;               /* input buffer (allocated on first read, freed on close) */
    size_t off, len;         /* unconsumed input is buf[off..len) */
    size_t cap;
    _Atomic uint64_t word;   /* generation << 8 | state */
    _Atomic int64_t last_ms; /* when it was last handed back to the poll set */
    np_conn *next_ready;
    /* the application's per-connection data follows (np_open's conn_size) */
};

struct netpoll {
    int epfd, listen_fd, wake_fd, reserve_fd;
    int port;                 /* the port actually bound (useful with port 0) */
    size_t conn_size, buf_cap;
    np_complete_fn complete;
    int (*stopping)(void);    /* non-zero once the server shuts down (flux_stopping) */
    int idle_ms, partial_ms;
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
};

/* A listening TCP socket on host:port (port 0 picks a free one), opened with SOCK_CLOEXEC and
 * flags (e.g. SOCK_NONBLOCK); *bound gets the port bound. Returns it, or -1 with errno. */
int np_listen(const char *host, int port, int flags, int *bound);

/* Listens on host:port (port 0 picks a free one, see np->port). conn_size is the size of the
 * application's connection struct, whose first member is an np_conn; a message (complete is
 * its framing) must fit in buf_cap bytes. Returns 0 or -1. */
int np_open(netpoll *np, const char *host, int port, size_t conn_size, size_t buf_cap,
            np_complete_fn complete, int (*stopping)(void));

/* The framing of a line protocol: a line ends with LF (np_complete_fn). */
size_t np_line_length(const char *buf, size_t len);

/* The source: waits for the next connection with input (or a complete buffered message) and
 * marks it owned by the caller. Returns 0 with *out set, or -1 once stopping (or interrupted
 * by a signal, so the caller can check for shutdown). */
int np_next(netpoll *np, np_conn **out);

/* Reads until the buffer holds a complete message and returns its length (> 0); the message
 * is c->buf[c->off..c->off + length), and stays there until np_consume. Returns -1 with errno
 * EAGAIN when the rest has not arrived yet (np_rearm waits for it), EMSGSIZE when buf_cap bytes
 * hold no complete message; 0 at the end of input or on a read error (close the connection). */
ssize_t np_read_message(np_conn *c);

/* Drops the first n unconsumed bytes. */
void np_consume(np_conn *c, size_t n);

/* Writes every iovec (modified in place); waits in poll() while the socket is full, up to
 * timeout_ms per wait. Returns 0 or -1 with errno. */
int np_writev(np_conn *c, struct iovec *iov, int count, int timeout_ms);

/* np_writev with send flags (MSG_MORE: more data follows at once, e.g. a sendfile body). */
int np_sendv(np_conn *c, struct iovec *iov, int count, int flags, int timeout_ms);
int np_write(np_conn *c, const void *data, size_t length, int timeout_ms);

/* sendfile()s length bytes of file from offset; waits like np_writev. */
int np_sendfile(np_conn *c, int file, off_t offset, size_t length, int timeout_ms);

/* Hands the connection back: to the source's queue if a complete message is buffered,
 * otherwise to the poll set. The caller must not touch c afterwards. */
void np_rearm(np_conn *c);

/* Closes the connection (and frees its buffer). The caller must not touch c. */
void np_close(np_conn *c);

/* Closes a connection whose client may still be sending (an error answered before the whole
 * request was read): closing with unread input resets the connection, which can destroy the
 * response before the client reads it. So it stops writing (shutdown), reads and drops input
 * for up to linger_ms or until the client closes, then closes. */
void np_close_lingering(np_conn *c, int linger_ms);

/* Closes the listener, every connection and the poll set. Call once no flow runs. */
void np_free(netpoll *np);

/* Milliseconds of CLOCK_MONOTONIC. */
int64_t np_now_ms(void);

#endif
