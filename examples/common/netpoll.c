/*
 * netpoll: see netpoll.h. Ownership protocol of a connection slot, one atomic word
 * (generation << 8 | state):
 *
 *   IDLE   in the poll set (armed with EPOLLONESHOT); nobody owns it.
 *   BUSY   owned by one flow (or queued on the ready list, on its way to one).
 *   FREE   no open connection in this slot.
 *
 * np_next turns IDLE into BUSY with a compare-and-swap that also checks the generation the
 * event was registered with, so a stale event (for a connection closed since, whose
 * descriptor may already have been reused) is ignored. The idle sweep closes only connections
 * it wins the same CAS for. np_close bumps the generation before the descriptor is closed.
 *
 * An IDLE connection is in the poll set for one of three reasons: waiting for input (EPOLLIN),
 * for its queued output to drain (c->out, EPOLLOUT), or lingering before a close (c->out with
 * nothing left to send, EPOLLIN: input is read and dropped). Whoever hands it back stores the
 * time the sweep may close it (deadline_ms), so the sweep reads nothing but atomics.
 */
#define _GNU_SOURCE
#include "netpoll.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { FREE = 0, IDLE = 1, BUSY = 2 };
#define WORD(gen, state) (((uint64_t)(gen) << 8) | (uint64_t)(state))
#define GEN(word) ((uint32_t)((word) >> 8))
#define STATE(word) ((int)((word) & 0xff))

#define LISTEN_KEY UINT64_MAX
#define WAKE_KEY (UINT64_MAX - 1)
#define KEY(gen, fd) (((uint64_t)(gen) << 32) | (uint32_t)(fd))

#define OUT_CHUNK (1 << 20)     /* the source sends at most this much per event */
#define LINGER_MS 1000          /* how long a closing connection's input is drained */

/* Output the source sends for a flow (np_send), then what to do with the connection. */
enum { AFTER_REARM = 1, AFTER_CLOSE, AFTER_LINGER };
struct np_output {
    char *bytes;                  /* the iovecs' unsent bytes (a copy) */
    size_t off, len;
    int file;                     /* then file[offset, offset + left) with sendfile; -1: none */
    off_t offset;
    size_t left;
    void (*release)(void *);
    void *arg;
    int after;                    /* 0 while the flow still owns the connection */
    int linger;                   /* AFTER_CLOSE: drain the input before closing */
};

/* What the log lines of the listener count (netpoll's logged_ms / unlogged). */
enum { LOG_LIMIT, LOG_FDS, LOG_MEMORY };

int64_t np_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int listen_on(const char *host, int port, int flags, int reuseport, int *bound) {
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        errno = EINVAL;
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (reuseport) setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 4096) < 0) {
        int error = errno;
        close(fd);
        errno = error;
        return -1;
    }
    socklen_t alen = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &alen);
    *bound = ntohs(addr.sin_port);
    return fd;
}

int np_listen(const char *host, int port, int flags, int *bound) {
    return listen_on(host, port, flags, 0, bound);
}

static int open_one(netpoll *np, const char *host, int port, size_t conn_size, size_t buf_cap,
                    np_complete_fn complete, int (*stopping)(void), int reuseport);

int np_open(netpoll *np, const char *host, int port, size_t conn_size, size_t buf_cap,
            np_complete_fn complete, int (*stopping)(void)) {
    return open_one(np, host, port, conn_size, buf_cap, complete, stopping, 0);
}

int np_open_set(np_set *set, int count, const char *host, int port, size_t conn_size,
                size_t buf_cap, np_complete_fn complete, int (*stopping)(void), np_wait_fn wait) {
    set->count = 0;
    set->shards = calloc((size_t)(count > 0 ? count : 1), sizeof *set->shards);
    if (!set->shards) return -1;
    for (int i = 0; i < (count > 0 ? count : 1); i++) {
        netpoll *np = &set->shards[i];
        if (open_one(np, host, port, conn_size, buf_cap, complete, stopping, count > 1) < 0) {
            int error = errno;
            np_free_set(set);
            errno = error;
            return -1;
        }
        set->count++;
        port = np->port;  /* the others listen on the port the first one bound */
        np->opened = &set->shards[0].open;  /* --max-connections counts every shard */
        np->log_np = &set->shards[0];       /* and a limit is logged once for them all */
        if (wait) {
            np->wait = wait;
            np->yield = 1;
        }
    }
    set->port = port;
    return 0;
}

void np_set_limits(np_set *set, const np_limits *limits) {
    for (int i = 0; i < set->count; i++) np_limits_apply(&set->shards[i], limits);
}

long np_set_accepted(const np_set *set) {
    long total = 0;
    for (int i = 0; i < set->count; i++) total += atomic_load(&set->shards[i].accepted);
    return total;
}

void np_free_set(np_set *set) {
    for (int i = 0; i < set->count; i++) np_free(&set->shards[i]);
    free(set->shards);
    set->shards = NULL;
    set->count = 0;
}

static int plain_wait(int epfd, struct epoll_event *events, int max, int timeout_ms) {
    return epoll_wait(epfd, events, max, timeout_ms);
}

static int open_one(netpoll *np, const char *host, int port, size_t conn_size, size_t buf_cap,
                    np_complete_fn complete, int (*stopping)(void), int reuseport) {
    memset(np, 0, sizeof *np);
    np->listen_fd = np->epfd = np->wake_fd = -1;
    np->opened = &np->open;
    np->log_np = np;
    np->wait = plain_wait;
    np->conn_size = conn_size < sizeof(np_conn) ? sizeof(np_conn) : conn_size;
    np->buf_cap = buf_cap;
    np->complete = complete;
    np->stopping = stopping;
    np->idle_ms = 60000;
    np->request_ms = 10000;
    np->send_ms = 60000;
    np->name = program_invocation_short_name;

    /* A server wants as many descriptors as it may: raise the soft limit to the hard one. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max > 1048576 ? 1048576 : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    np->nslots = rl.rlim_cur > 1048576 ? 1048576 : (int)rl.rlim_cur;
    np->max_conns = np->nslots - (np->nslots / 16 > 16 ? np->nslots / 16 : 16);
    if (np->max_conns < 1) np->max_conns = 1;
    np->slots = calloc((size_t)np->nslots, sizeof *np->slots);
    if (!np->slots) return -1;

    int fd = listen_on(host, port, SOCK_NONBLOCK, reuseport, &np->port);
    if (fd < 0) return -1;
    np->listen_fd = fd;
    np->epfd = epoll_create1(EPOLL_CLOEXEC);
    np->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    struct epoll_event lev = {.events = EPOLLIN, .data.u64 = LISTEN_KEY};
    struct epoll_event wev = {.events = EPOLLIN, .data.u64 = WAKE_KEY};
    if (np->epfd < 0 || np->wake_fd < 0 ||
        epoll_ctl(np->epfd, EPOLL_CTL_ADD, fd, &lev) < 0 ||
        epoll_ctl(np->epfd, EPOLL_CTL_ADD, np->wake_fd, &wev) < 0)
        return -1;
    atomic_store(&np->next_sweep_ms, np_now_ms() + 1000);
    pthread_mutex_init(&np->lock, NULL);
    return 0;
}

static void arm(np_conn *c, int op, uint32_t events) {
    struct epoll_event ev = {.events = events | EPOLLRDHUP | EPOLLONESHOT,
                             .data.u64 = KEY(GEN(atomic_load(&c->word)), c->fd)};
    epoll_ctl(c->np->epfd, op, c->fd, &ev);
}

/* A line on stderr about the listener, at most once per NP_LOG_INTERVAL_MS per kind. With the
 * source's lock. */
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

/* Logs at most once every NP_LOG_INTERVAL_MS per kind, for all the shards of a set together
 * (their first shard keeps the count). */
static void log_listener(netpoll *np, int kind, const char *what) {
    netpoll *first = np->log_np;
    int64_t now = np_now_ms();
    pthread_mutex_lock(&log_mu);
    if (first->logged_ms[kind] != 0 && now - first->logged_ms[kind] < NP_LOG_INTERVAL_MS) {
        first->unlogged[kind]++;
        pthread_mutex_unlock(&log_mu);
        return;
    }
    char more[64] = "";
    if (first->unlogged[kind] > 0)
        snprintf(more, sizeof more, " (%ld more times since the last report)",
                 first->unlogged[kind]);
    fprintf(stderr, "%s: port %d: %s%s\n", np->name, np->port, what, more);
    first->logged_ms[kind] = now;
    first->unlogged[kind] = 0;
    pthread_mutex_unlock(&log_mu);
}

/* Stops accepting for NP_PAUSE_MS (new connections wait in the backlog): the listener is
 * taken out of the poll set, and np_next puts it back. With the source's lock. */
static void pause_listener(netpoll *np, int kind, const char *what) {
    atomic_fetch_add(&np->refused, 1);
    log_listener(np, kind, what);
    np->resume_ms = np_now_ms() + NP_PAUSE_MS;
    if (!np->paused) {
        struct epoll_event ev = {.events = 0, .data.u64 = LISTEN_KEY};
        epoll_ctl(np->epfd, EPOLL_CTL_MOD, np->listen_fd, &ev);
        np->paused = 1;
    }
}

/* Listens again once the pause is over and the connection limit allows. With the lock. */
static void resume_listener(netpoll *np) {
    if (!np->paused || np_now_ms() < np->resume_ms ||
        atomic_load(np->opened) >= np->max_conns)
        return;
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = LISTEN_KEY};
    epoll_ctl(np->epfd, EPOLL_CTL_MOD, np->listen_fd, &ev);
    np->paused = 0;
}

/* Accepts pending connections (at most a batch, so the poll set is served in between) and
 * puts them in the poll set. Out of descriptors or memory, or at the connection limit, it
 * pauses the listener instead: accepting only to close again would spin while nothing frees a
 * descriptor, and a paused listener costs nothing. */
static void accept_all(netpoll *np) {
    for (int n = 0; n < NP_BATCH; n++) {
        /* Reserve the connection's place in the count first: the shards of a set accept in
         * parallel, and checking before counting would let each take one over the limit. */
        if (atomic_fetch_add(np->opened, 1) >= np->max_conns) {
            atomic_fetch_sub(np->opened, 1);
            char what[160];
            snprintf(what, sizeof what,
                     "%d connections open, the limit (--max-connections): new connections "
                     "wait until one closes", np->max_conns);
            pause_listener(np, LOG_LIMIT, what);
            return;
        }
        int fd = accept4(np->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            atomic_fetch_sub(np->opened, 1);
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE) {
                char what[160];
                snprintf(what, sizeof what, "out of file descriptors (%s) with %d connections "
                         "open: accepting paused for %d ms", errno == EMFILE ? "EMFILE" : "ENFILE",
                         atomic_load(np->opened), NP_PAUSE_MS);
                pause_listener(np, LOG_FDS, what);
            } else if (errno == ENOBUFS || errno == ENOMEM) {
                pause_listener(np, LOG_MEMORY, "out of memory: accepting paused");
            }
            return;  /* EAGAIN: none left */
        }
        if (fd >= np->nslots) {
            close(fd);
            atomic_fetch_sub(np->opened, 1);
            continue;
        }
        np_conn *c = np->slots[fd];
        if (!c) {
            c = calloc(1, np->conn_size);
            if (!c) {
                close(fd);
                atomic_fetch_sub(np->opened, 1);
                pause_listener(np, LOG_MEMORY, "out of memory for a connection: accepting paused");
                return;
            }
            np->slots[fd] = c;
        } else {
            /* The flow that closed this descriptor published the slot as FREE before close();
             * reading the word orders its last writes before ours (for ThreadSanitizer too,
             * which cannot see the ordering the kernel gives close() and accept()). */
            (void)atomic_load_explicit(&c->word, memory_order_acquire);
            memset((char *)c + sizeof(np_conn), 0, np->conn_size - sizeof(np_conn));
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c->fd = fd;
        c->np = np;
        c->id = atomic_fetch_add(&np->next_id, 1) + 1;
        c->buf = NULL;
        c->off = c->len = c->cap = 0;
        c->out = NULL;
        c->next_ready = NULL;
        c->start_ms = np_now_ms();  /* the first request is due within request_ms */
        atomic_store(&c->deadline_ms, c->start_ms + np->request_ms);
        int max = atomic_load(&np->max_fd);
        while (fd > max && !atomic_compare_exchange_weak(&np->max_fd, &max, fd)) {}
        atomic_fetch_add(&np->accepted, 1);
        uint32_t gen = GEN(atomic_load(&c->word));
        atomic_store(&c->word, WORD(gen, IDLE));
        arm(c, EPOLL_CTL_ADD, EPOLLIN);
    }
}

/* Closes connections in the poll set whose deadline has passed (at most once a second, by one
 * thread): idle too long, a message not complete in time, output not read, lingering done. */
static void sweep(netpoll *np) {
    int64_t now = np_now_ms();
    int64_t due = atomic_load(&np->next_sweep_ms);
    if (now < due || !atomic_compare_exchange_strong(&np->next_sweep_ms, &due, now + 1000))
        return;
    int max = atomic_load(&np->max_fd);
    for (int fd = 0; fd <= max && fd < np->nslots; fd++) {
        np_conn *c = np->slots[fd];
        if (!c) continue;
        uint64_t word = atomic_load(&c->word);
        if (STATE(word) != IDLE || now < atomic_load(&c->deadline_ms)) continue;
        if (atomic_compare_exchange_strong(&c->word, &word, WORD(GEN(word), BUSY))) {
            atomic_fetch_add(&np->timed_out, 1);
            np_close(c);
        }
    }
}

/* --- output the source sends (np_send) ---------------------------------------------- */

static void hand_back(np_conn *c, uint32_t events, int64_t deadline_ms);

/* The file part is no longer needed: let its owner release it (once). */
static void output_release(np_output *o) {
    if (o->release) o->release(o->arg);
    o->release = NULL;
    o->left = 0;
}

static void output_free(np_conn *c) {
    np_output *o = c->out;
    if (!o) return;
    c->out = NULL;
    output_release(o);
    free(o->bytes);
    free(o);
}

/* Sends what the socket takes of c's output, at most OUT_CHUNK bytes of the file. Returns 1
 * when all is sent, 0 when some is left, -1 on an error; *progress: whether bytes left. */
static int output_send(np_conn *c, int *progress) {
    np_output *o = c->out;
    *progress = 0;
    while (o->off < o->len) {
        ssize_t n = send(c->fd, o->bytes + o->off, o->len - o->off,
                         MSG_NOSIGNAL | (o->left ? MSG_MORE : 0));
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno == EAGAIN ? 0 : -1;
        }
        o->off += (size_t)n;
        *progress = 1;
    }
    for (size_t sent = 0; o->left > 0;) {
        if (sent >= OUT_CHUNK) return 0;  /* fair to the others: EPOLLOUT fires again at once */
        ssize_t n = sendfile(c->fd, o->file, &o->offset, o->left < OUT_CHUNK ? o->left : OUT_CHUNK);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno == EAGAIN ? 0 : -1;
        }
        if (n == 0) { errno = EIO; return -1; }  /* the file shrank */
        o->left -= (size_t)n;
        sent += (size_t)n;
        *progress = 1;
    }
    output_release(o);
    return 1;
}

/* Stops sending and drains the input for up to LINGER_MS (or until the client closes), in the
 * poll set: no thread waits. c->out exists and is empty. */
static void begin_linger(np_conn *c) {
    shutdown(c->fd, SHUT_WR);
    c->out->after = AFTER_LINGER;
    hand_back(c, EPOLLIN, np_now_ms() + LINGER_MS);
}

/* An event for a connection with output (owned by the source, BUSY): send more, drain a
 * lingering one, and once all is out do what the flow asked (np_rearm, np_close_after_output). */
static void output_event(np_conn *c) {
    np_output *o = c->out;
    if (o->after == AFTER_LINGER) {
        char scrap[4096];
        ssize_t n;
        while ((n = read(c->fd, scrap, sizeof scrap)) > 0) {}
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) np_close(c);
        else hand_back(c, EPOLLIN, atomic_load(&c->deadline_ms));
        return;
    }
    int progress;
    int status = output_send(c, &progress);
    if (status < 0) {
        np_close(c);
    } else if (status == 0) {
        hand_back(c, EPOLLOUT, progress ? np_now_ms() + c->np->send_ms
                                        : atomic_load(&c->deadline_ms));
    } else if (o->after == AFTER_CLOSE && o->linger) {
        begin_linger(c);
    } else if (o->after == AFTER_CLOSE) {
        np_close(c);
    } else {
        output_free(c);
        np_rearm(c);
    }
}

/* Steps over the n bytes sendmsg took: whole iovecs dropped, the next one trimmed. Returns
   the number of iovecs left. */
static int iov_advance(struct iovec **iov, int count, size_t n) {
    while (count > 0 && n >= (*iov)->iov_len) {
        n -= (*iov)->iov_len;
        (*iov)++;
        count--;
    }
    if (count > 0) {
        (*iov)->iov_base = (char *)(*iov)->iov_base + n;
        (*iov)->iov_len -= n;
    }
    return count;
}

int np_send(np_conn *c, struct iovec *iov, int count, int flags, int file, off_t offset,
            size_t length, void (*release)(void *), void *arg) {
    if (file < 0) length = 0;
    if (c->out) {  /* one np_send per hand-back: a second would overtake the queued output */
        errno = EBUSY;
        goto failed;
    }
    while (count > 0) {
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)count};
        ssize_t n = sendmsg(c->fd, &msg, flags | (length ? MSG_MORE : 0) | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) break;
            goto failed;
        }
        count = iov_advance(&iov, count, (size_t)n);
    }
    while (count == 0 && length > 0) {
        ssize_t n = sendfile(c->fd, file, &offset, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) break;
            goto failed;
        }
        if (n == 0) { errno = EIO; goto failed; }  /* the file shrank */
        length -= (size_t)n;
    }
    if (count == 0 && length == 0) {
        if (release) release(arg);
        return 0;
    }
    /* The socket is full: the source sends the rest as it drains. */
    np_output *o = calloc(1, sizeof *o);
    size_t total = 0;
    for (int i = 0; i < count; i++) total += iov[i].iov_len;
    if (!o || (total && !(o->bytes = malloc(total)))) {
        free(o);
        errno = ENOMEM;
        goto failed;
    }
    for (int i = 0; i < count; i++) {
        memcpy(o->bytes + o->len, iov[i].iov_base, iov[i].iov_len);
        o->len += iov[i].iov_len;
    }
    o->file = file;
    o->offset = offset;
    o->left = length;
    o->release = release;
    o->arg = arg;
    c->out = o;
    return 0;
failed:;
    int error = errno;
    if (release) release(arg);
    errno = error;
    return -1;
}

int np_output_pending(const np_conn *c) {
    return c->out != NULL;
}

void np_close_after_output(np_conn *c, int linger) {
    if (!c->out) {
        if (!linger) {
            np_close(c);
            return;
        }
        c->out = calloc(1, sizeof *c->out);
        if (!c->out) {
            np_close(c);
            return;
        }
        c->out->file = -1;
        begin_linger(c);
        return;
    }
    c->out->after = AFTER_CLOSE;
    c->out->linger = linger;
    hand_back(c, EPOLLOUT, np_now_ms() + c->np->send_ms);
}

/* Moves the shared ready list to the source's queue, oldest first. Called with the lock. */
static void take_ready(netpoll *np) {
    uint64_t count;
    while (read(np->wake_fd, &count, sizeof count) > 0) {}
    np_conn *list = atomic_exchange(&np->ready, NULL);
    np_conn *fifo = NULL;
    while (list) {
        np_conn *next = list->next_ready;
        list->next_ready = fifo;
        fifo = list;
        list = next;
    }
    if (!np->queue) {
        np->queue = fifo;
    } else {
        np_conn *tail = np->queue;
        while (tail->next_ready) tail = tail->next_ready;
        tail->next_ready = fifo;
    }
}

/* The next connection from the queue or the events already taken, or NULL. With the lock. */
static np_conn *next_ready(netpoll *np) {
    for (;;) {
        if (np->queue) {
            np_conn *c = np->queue;
            np->queue = c->next_ready;
            c->next_ready = NULL;
            return c;
        }
        if (np->next >= np->count) return NULL;
        uint64_t key = np->events[np->next++].data.u64;
        if (key == LISTEN_KEY) {
            accept_all(np);
        } else if (key == WAKE_KEY) {
            take_ready(np);
        } else {
            int fd = (int)(uint32_t)key;
            np_conn *c = fd < np->nslots ? np->slots[fd] : NULL;
            uint64_t expected = WORD(key >> 32, IDLE);
            if (c && atomic_compare_exchange_strong(&c->word, &expected, WORD(key >> 32, BUSY))) {
                if (!c->out) return c;
                output_event(c);  /* the source's own work: no flow starts */
            }
        }
    }
}

/* One thread at a time takes events (the lock is held across epoll_wait, which a signal or
 * a one-second timeout interrupts); with one source thread the lock is never contended. */
int np_next(netpoll *np, np_conn **out) {
    pthread_mutex_lock(&np->lock);
    int result = -1;
    for (;;) {
        if (np->stopping && np->stopping()) break;
        np_conn *c = next_ready(np);
        if (c) {
            *out = c;
            result = 0;
            break;
        }
        sweep(np);
        resume_listener(np);
        int wait_ms = 1000;
        if (np->paused) {
            int64_t left = np->resume_ms - np_now_ms();
            wait_ms = left < 1 ? 1 : left < NP_PAUSE_MS ? (int)left : NP_PAUSE_MS;
        }
        np->next = 0;
        np->count = np->wait(np->epfd, np->events, NP_BATCH, wait_ms);
        if (np->count < 0) {
            np->count = 0;
            if (errno == EINTR) break;
        }
        if (np->count == 0 && np->yield) {  /* the thread has other work: let it go */
            errno = EAGAIN;
            break;
        }
    }
    pthread_mutex_unlock(&np->lock);
    return result;
}

/* Reads what the socket has into the buffer (growing it up to buf_cap). Returns the number of
 * bytes read, 0 at end of input, -1 with errno (EAGAIN: nothing yet; ENOBUFS: buffer full). */
static ssize_t fill(np_conn *c) {
    if (c->off == c->len) c->off = c->len = 0;
    if (c->len == c->cap) {
        if (c->off > 0) {
            memmove(c->buf, c->buf + c->off, c->len - c->off);
            c->len -= c->off;
            c->off = 0;
        } else {
            size_t cap = c->cap ? c->cap * 2 : 4096;
            if (cap > c->np->buf_cap) cap = c->np->buf_cap;
            if (cap <= c->cap) { errno = ENOBUFS; return -1; }
            char *buf = realloc(c->buf, cap);
            if (!buf) { errno = ENOMEM; return -1; }
            c->buf = buf;
            c->cap = cap;
        }
    }
    for (;;) {
        ssize_t n = read(c->fd, c->buf + c->len, c->cap - c->len);
        if (n < 0 && errno == EINTR) continue;
        if (n > 0) c->len += (size_t)n;
        return n;
    }
}

size_t np_line_length(const char *buf, size_t len) {
    const char *nl = memchr(buf, '\n', len);
    return nl ? (size_t)(nl - buf) + 1 : 0;
}

ssize_t np_read_message(np_conn *c) {
    for (;;) {
        size_t avail = c->len - c->off;
        size_t length = avail ? c->np->complete(c->buf + c->off, avail) : 0;
        if (length > 0) {
            c->start_ms = 0;  /* the next message's time starts with its first byte */
            return (ssize_t)length;
        }
        if (avail >= c->np->buf_cap) {
            errno = EMSGSIZE;
            return -1;
        }
        ssize_t n = fill(c);
        if (n > 0) continue;
        return n < 0 && errno == EAGAIN ? -1 : 0;
    }
}

void np_consume(np_conn *c, size_t n) {
    c->off += n;
    if (c->off >= c->len) c->off = c->len = 0;
}

static int wait_writable(np_conn *c, int timeout_ms) {
    struct pollfd pfd = {.fd = c->fd, .events = POLLOUT};
    for (;;) {
        int r = poll(&pfd, 1, timeout_ms);
        if (r > 0) return 0;
        if (r == 0) { errno = ETIMEDOUT; return -1; }
        if (errno != EINTR) return -1;
        if (c->np->stopping && c->np->stopping()) return -1;
    }
}

int np_writev(np_conn *c, struct iovec *iov, int count, int timeout_ms) {
    return np_sendv(c, iov, count, 0, timeout_ms);
}

int np_sendv(np_conn *c, struct iovec *iov, int count, int flags, int timeout_ms) {
    while (count > 0) {
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)count};
        ssize_t n = sendmsg(c->fd, &msg, flags | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN || wait_writable(c, timeout_ms) < 0) return -1;
            continue;
        }
        count = iov_advance(&iov, count, (size_t)n);
    }
    return 0;
}

int np_write(np_conn *c, const void *data, size_t length, int timeout_ms) {
    struct iovec iov = {.iov_base = (void *)data, .iov_len = length};
    return np_writev(c, &iov, 1, timeout_ms);
}

int np_sendfile(np_conn *c, int file, off_t offset, size_t length, int timeout_ms) {
    while (length > 0) {
        ssize_t n = sendfile(c->fd, file, &offset, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN || wait_writable(c, timeout_ms) < 0) return -1;
            continue;
        }
        if (n == 0) { errno = EIO; return -1; }  /* the file shrank */
        length -= (size_t)n;
    }
    return 0;
}

/*
 * Arms fd again (EPOLL_CTL_MOD). From here on the descriptor may be in another flow, which
 * may close it before this call has even returned: harmless, since the kernel has armed it
 * by then, but ThreadSanitizer models no ordering for EPOLL_CTL_MOD (only for ADD) and reports
 * the close as a race with this call. That one false report is suppressed by name below; the
 * function does nothing else, so no other race can hide behind the suppression.
 */
__attribute__((noinline)) void np_rearm_descriptor(int epfd, int fd, uint64_t key,
                                                   uint32_t events);
__attribute__((noinline)) void np_rearm_descriptor(int epfd, int fd, uint64_t key,
                                                   uint32_t events) {
    struct epoll_event ev = {.events = events | EPOLLRDHUP | EPOLLONESHOT, .data.u64 = key};
    epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
}

#ifdef __SANITIZE_THREAD__
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void) { return "race:np_rearm_descriptor\n"; }
#endif

/* Back to the poll set, waiting for events; the sweep closes it from deadline_ms on. */
static void hand_back(np_conn *c, uint32_t events, int64_t deadline_ms) {
    netpoll *np = c->np;
    uint64_t word = atomic_load(&c->word);
    int fd = c->fd;
    atomic_store(&c->deadline_ms, deadline_ms);
    atomic_store(&c->word, WORD(GEN(word), IDLE));
    np_rearm_descriptor(np->epfd, fd, KEY(GEN(word), fd), events);  /* c may be another's now */
}

void np_rearm(np_conn *c) {
    netpoll *np = c->np;
    int64_t now = np_now_ms();
    if (c->out) {  /* output first (np_send queued some): the source sends it, then rearms */
        c->out->after = AFTER_REARM;
        hand_back(c, EPOLLOUT, now + np->send_ms);
        return;
    }
    if (c->len > c->off && np->complete && np->complete(c->buf + c->off, c->len - c->off)) {
        /* A pipelined message is already here: the socket may never fire for it. */
        np_conn *head = atomic_load(&np->ready);
        do c->next_ready = head;
        while (!atomic_compare_exchange_weak(&np->ready, &head, c));
        if (!head) {
            uint64_t one = 1;
            ssize_t ignored = write(np->wake_fd, &one, sizeof one);
            (void)ignored;
        }
        return;
    }
    if (c->len == c->off && c->cap > 4096) {  /* a large request grew the buffer: shrink it */
        free(c->buf);
        c->buf = NULL;
        c->off = c->len = c->cap = 0;
    }
    int64_t deadline;
    if (c->len > c->off) {  /* part of a message: it is due request_ms after its first byte */
        if (c->start_ms == 0) c->start_ms = now;
        deadline = c->start_ms + np->request_ms;
        if (now >= deadline) {  /* late already (the sweep may never see it idle): cut it */
            atomic_fetch_add(&np->timed_out, 1);
            np_close(c);
            return;
        }
    } else {                /* nothing: a keep-alive connection may idle for idle_ms */
        c->start_ms = 0;
        deadline = now + np->idle_ms;
    }
    hand_back(c, EPOLLIN, deadline);
}

void np_close(np_conn *c) {
    output_free(c);
    free(c->buf);
    c->buf = NULL;
    c->off = c->len = c->cap = 0;
    int fd = c->fd;
    uint64_t word = atomic_load(&c->word);
    atomic_store(&c->word, WORD(GEN(word) + 1, FREE));
    atomic_fetch_sub(c->np->opened, 1);
    close(fd);  /* removes it from the poll set; the slot may be reused from here on */
}

void np_close_lingering(np_conn *c, int linger_ms) {
    shutdown(c->fd, SHUT_WR);
    char scrap[4096];
    int64_t deadline = np_now_ms() + linger_ms;
    for (size_t total = 0; total < (1u << 20);) {
        ssize_t n = read(c->fd, scrap, sizeof scrap);
        if (n > 0) { total += (size_t)n; continue; }
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) break;
        int64_t left = deadline - np_now_ms();
        struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0) break;
    }
    np_close(c);
}

void np_free(netpoll *np) {
    if (np->listen_fd >= 0) close(np->listen_fd);
    int max = atomic_load(&np->max_fd);
    for (int fd = 0; np->slots && fd <= max && fd < np->nslots; fd++) {
        np_conn *c = np->slots[fd];
        if (!c) continue;
        if (STATE(atomic_load(&c->word)) != FREE) np_close(c);
        free(c);
    }
    free(np->slots);
    np->slots = NULL;
    pthread_mutex_destroy(&np->lock);
    if (np->epfd >= 0) close(np->epfd);
    if (np->wake_fd >= 0) close(np->wake_fd);
    np->listen_fd = np->epfd = np->wake_fd = -1;
}

/* --- the limit options -------------------------------------------------------------- */

static int seconds_ms(const char *name, const char *text, int *ms) {
    char *end;
    double s = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || !(s > 0) || s > 86400) {
        fprintf(stderr, "%s: %s wants seconds (more than 0, at most 86400), not '%s'\n",
                program_invocation_short_name, name, text);
        return -1;
    }
    *ms = s * 1000 < 1 ? 1 : (int)(s * 1000);
    return 1;
}

int np_limit_option(int argc, char **argv, int *i, np_limits *limits) {
    static const char *const names[] = {"--max-connections", "--idle-timeout-s",
                                        "--request-timeout-s", "--send-timeout-s"};
    for (int k = 0; k < 4; k++) {
        size_t n = strlen(names[k]);
        const char *value;
        if (strncmp(argv[*i], names[k], n) != 0) continue;
        if (argv[*i][n] == '=') value = argv[*i] + n + 1;
        else if (argv[*i][n] == '\0' && *i + 1 < argc) value = argv[++*i];
        else continue;
        if (k == 1) return seconds_ms(names[k], value, &limits->idle_ms);
        if (k == 2) return seconds_ms(names[k], value, &limits->request_ms);
        if (k == 3) return seconds_ms(names[k], value, &limits->send_ms);
        char *end;
        long count = strtol(value, &end, 10);
        if (*value == '\0' || *end != '\0' || count < 1 || count > 1048576) {
            fprintf(stderr, "%s: --max-connections wants a number from 1 to 1048576, not '%s'\n",
                    program_invocation_short_name, value);
            return -1;
        }
        limits->max_conns = (int)count;
        return 1;
    }
    return 0;
}

void np_limits_apply(netpoll *np, const np_limits *limits) {
    if (limits->max_conns > 0) np->max_conns = limits->max_conns;
    if (limits->idle_ms > 0) np->idle_ms = limits->idle_ms;
    if (limits->request_ms > 0) np->request_ms = limits->request_ms;
    if (limits->send_ms > 0) np->send_ms = limits->send_ms;
}
