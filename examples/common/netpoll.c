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

int64_t np_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int np_listen(const char *host, int port, int flags, int *bound) {
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        errno = EINVAL;
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
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

int np_open(netpoll *np, const char *host, int port, size_t conn_size, size_t buf_cap,
            np_complete_fn complete, int (*stopping)(void)) {
    memset(np, 0, sizeof *np);
    np->listen_fd = np->epfd = np->wake_fd = np->reserve_fd = -1;
    np->conn_size = conn_size < sizeof(np_conn) ? sizeof(np_conn) : conn_size;
    np->buf_cap = buf_cap;
    np->complete = complete;
    np->stopping = stopping;
    np->idle_ms = 60000;
    np->partial_ms = 10000;

    /* A server wants as many descriptors as it may: raise the soft limit to the hard one. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max > 1048576 ? 1048576 : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    np->nslots = rl.rlim_cur > 1048576 ? 1048576 : (int)rl.rlim_cur;
    np->slots = calloc((size_t)np->nslots, sizeof *np->slots);
    if (!np->slots) return -1;

    int fd = np_listen(host, port, SOCK_NONBLOCK, &np->port);
    if (fd < 0) return -1;
    np->listen_fd = fd;
    np->epfd = epoll_create1(EPOLL_CLOEXEC);
    np->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    np->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
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

static void arm(np_conn *c, int op) {
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT,
                             .data.u64 = KEY(GEN(atomic_load(&c->word)), c->fd)};
    epoll_ctl(c->np->epfd, op, c->fd, &ev);
}

/* Accepts every pending connection and puts it in the poll set. */
static void accept_all(netpoll *np) {
    for (;;) {
        int fd = accept4(np->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if ((errno == EMFILE || errno == ENFILE) && np->reserve_fd >= 0) {
                /* Out of descriptors: accept and drop one so the listener stops firing. */
                close(np->reserve_fd);
                int drop = accept4(np->listen_fd, NULL, NULL, SOCK_CLOEXEC);
                if (drop >= 0) close(drop);
                np->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
                continue;
            }
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;
        }
        if (fd >= np->nslots) {
            close(fd);
            continue;
        }
        np_conn *c = np->slots[fd];
        if (!c) {
            c = calloc(1, np->conn_size);
            if (!c) { close(fd); continue; }
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
        c->next_ready = NULL;
        atomic_store(&c->last_ms, np_now_ms());
        int max = atomic_load(&np->max_fd);
        while (fd > max && !atomic_compare_exchange_weak(&np->max_fd, &max, fd)) {}
        atomic_fetch_add(&np->accepted, 1);
        uint32_t gen = GEN(atomic_load(&c->word));
        atomic_store(&c->word, WORD(gen, IDLE));
        arm(c, EPOLL_CTL_ADD);
    }
}

/* Closes idle connections that waited too long (at most once a second, by one thread). */
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
        if (STATE(word) != IDLE) continue;
        int64_t limit = c->len > c->off ? np->partial_ms : np->idle_ms;
        if (now - atomic_load(&c->last_ms) < limit) continue;
        if (atomic_compare_exchange_strong(&c->word, &word, WORD(GEN(word), BUSY))) np_close(c);
    }
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
            if (c && atomic_compare_exchange_strong(&c->word, &expected, WORD(key >> 32, BUSY)))
                return c;
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
        np->next = 0;
        np->count = epoll_wait(np->epfd, np->events, NP_BATCH, 1000);
        if (np->count < 0) {
            np->count = 0;
            if (errno == EINTR) break;
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
        if (length > 0) return (ssize_t)length;
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
        while (count > 0 && (size_t)n >= iov->iov_len) {
            n -= (ssize_t)iov->iov_len;
            iov++;
            count--;
        }
        if (count > 0) {
            iov->iov_base = (char *)iov->iov_base + n;
            iov->iov_len -= (size_t)n;
        }
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
__attribute__((noinline)) void np_rearm_descriptor(int epfd, int fd, uint64_t key);
__attribute__((noinline)) void np_rearm_descriptor(int epfd, int fd, uint64_t key) {
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.u64 = key};
    epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
}

#ifdef __SANITIZE_THREAD__
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void) { return "race:np_rearm_descriptor\n"; }
#endif

void np_rearm(np_conn *c) {
    netpoll *np = c->np;
    atomic_store(&c->last_ms, np_now_ms());
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
    uint64_t word = atomic_load(&c->word);
    int fd = c->fd;
    atomic_store(&c->word, WORD(GEN(word), IDLE));
    np_rearm_descriptor(np->epfd, fd, KEY(GEN(word), fd));  /* c may be another flow's now */
}

void np_close(np_conn *c) {
    free(c->buf);
    c->buf = NULL;
    c->off = c->len = c->cap = 0;
    int fd = c->fd;
    uint64_t word = atomic_load(&c->word);
    atomic_store(&c->word, WORD(GEN(word) + 1, FREE));
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
    if (np->reserve_fd >= 0) close(np->reserve_fd);
    np->listen_fd = np->epfd = np->wake_fd = np->reserve_fd = -1;
}
