/*
 * Hand-written epoll HTTP/1.1 static-file server: the event-driven baseline of bench/.
 *
 *     ./evserver PORT ROOT NLOOPS
 *
 * NLOOPS threads, each with its own SO_REUSEPORT listener and epoll instance (level-triggered,
 * non-blocking sockets) and a per-connection state machine: read the head, send the header
 * (MSG_MORE), sendfile() the body, switch to EPOLLOUT while a send would block; keep-alive and
 * pipelining. No access log, no file cache (every request opens, fstat()s and closes the file,
 * like nginx without open_file_cache). Stops on SIGINT/SIGTERM.
 *
 * Built with -DCACHE (the `evcache` binary of the Makefile) it stands for the best hand-written
 * design of a server that caches, as the Flux example does: each loop keeps its own cache of
 * files (no sharing, no locks), a small file (under 16 KiB) as its whole keep-alive response
 * (header and body in one buffer, one send()), a large one as its header and an open
 * descriptor (header with MSG_MORE, then sendfile()). Files are never revalidated (the
 * benchmark's files do not change).
 */
#include "http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

typedef struct {
    int fd;
    size_t len;            /* bytes in buf */
    bool sending;          /* a response is in progress */
    bool keep_alive;       /* of the response in progress */
    bool want_out;         /* registered for EPOLLOUT instead of EPOLLIN */
    char hdr[512 + 64];    /* header (and the body of an error response) */
    const char *out;       /* what send_more sends first: hdr, or a cached response */
    size_t hlen, hsent;
    int file;              /* -1 when the body is not a file */
    bool own_file;         /* file is closed after the response (not a cached descriptor) */
    off_t off, size;
    char buf[HEAD_MAX];
} conn;

static int port, root;
static volatile sig_atomic_t stopping;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static int listener(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 4096) < 0) {
        perror("evserver: bind/listen");
        exit(1);
    }
    return fd;
}

static void close_conn(int ep, conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    if (c->file >= 0 && c->own_file) close(c->file);
    free(c);
}

#ifdef CACHE
#define SMALL (16 << 10)
typedef struct entry {
    struct entry *next;
    char path[1024];
    int fd;                /* large files: kept open for sendfile */
    off_t size;
    size_t hlen;           /* header bytes at the start of whole */
    size_t wlen;           /* small files: header + body */
    char whole[];
} entry;
static __thread entry *cache[256];  /* per loop: no sharing */

/* The cached keep-alive 200 response of rq->path, read on the first request. */
static entry *cached(int root_fd, request *rq) {
    unsigned h = 5381;
    for (const char *p = rq->path; *p; p++) h = h * 33 + (unsigned char)*p;
    entry **bucket = &cache[h % 256];
    for (entry *e = *bucket; e; e = e->next)
        if (strcmp(e->path, rq->path) == 0) return e;
    off_t size = 0;
    int fd = open_file(root_fd, rq, &size);
    if (fd < 0) return NULL;
    bool small = size < SMALL;
    entry *e = malloc(sizeof *e + 512 + (small ? (size_t)size : 0));
    snprintf(e->path, sizeof e->path, "%s", rq->path);
    e->size = size;
    e->hlen = e->wlen = response_header(e->whole, 200, content_type(rq->path), size, true);
    e->fd = fd;
    if (small) {
        for (off_t got = 0; got < size;) {
            ssize_t n = pread(fd, e->whole + e->hlen + got, (size_t)(size - got), got);
            if (n <= 0) { close(fd); free(e); rq->status = 404; return NULL; }
            got += n;
        }
        e->wlen += (size_t)size;
        close(fd);
        e->fd = -1;
    }
    e->next = *bucket;
    *bucket = e;
    return e;
}
#endif

/* Prepares the response to the head at the start of c->buf. */
static void start_response(int root_fd, conn *c, request *rq) {
    c->file = -1;
    c->own_file = true;
    c->out = c->hdr;
    c->off = c->size = 0;
    c->hsent = 0;
    c->sending = true;
#ifdef CACHE
    entry *e;
    if (rq->status == 0 && rq->keep_alive && !rq->head_only && (e = cached(root_fd, rq))) {
        c->keep_alive = true;
        c->out = e->whole;
        c->hlen = e->wlen;
        if (e->fd >= 0) {
            c->file = e->fd;
            c->own_file = false;
            c->size = e->size;
        }
        return;
    }
#endif
    if (rq->status == 0) {
        off_t size = 0;
        c->file = open_file(root_fd, rq, &size);
        if (c->file >= 0) {
            c->keep_alive = rq->keep_alive;
            c->hlen = response_header(c->hdr, 200, content_type(rq->path), size, c->keep_alive);
            if (rq->head_only) { close(c->file); c->file = -1; }
            else c->size = size;
        }
    }
    if (rq->status != 0) {
        int status = rq->status;
        c->keep_alive = rq->keep_alive && (status == 404 || status == 405);
        char body[64];
        int blen = snprintf(body, sizeof body, "%d %s\n", status, reason(status));
        c->hlen = response_header(c->hdr, status, "text/plain", blen, c->keep_alive);
        if (!rq->head_only) {
            memcpy(c->hdr + c->hlen, body, (size_t)blen);
            c->hlen += (size_t)blen;
        }
    }
}

/* Sends what it can; returns 1 when the response is complete, 0 when it would block,
 * -1 on error. */
static int send_more(conn *c) {
    while (c->hsent < c->hlen) {
        ssize_t n = send(c->fd, c->out + c->hsent, c->hlen - c->hsent,
                         MSG_NOSIGNAL | (c->file >= 0 ? MSG_MORE : 0));
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->hsent += (size_t)n;
    }
    while (c->file >= 0 && c->off < c->size) {
        ssize_t n = sendfile(c->fd, c->file, &c->off, (size_t)(c->size - c->off));
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        if (n == 0) return -1;  /* the file shrank */
    }
    if (c->file >= 0 && c->own_file) close(c->file);
    c->file = -1;
    c->sending = false;
    return 1;
}

/* Serves every complete request in the buffer. Returns 0 to keep the connection, -1 to close
 * it, 1 when waiting for the socket to become writable. */
static int serve(conn *c) {
    for (;;) {
        if (c->sending) {
            int r = send_more(c);
            if (r <= 0) return r == 0 ? 1 : -1;
            if (!c->keep_alive) return -1;
        }
        size_t n = head_end(c->buf, c->len);
        if (n == 0) {
            if (c->len < sizeof c->buf) return 0;
            request rq = {.status = 431};
            start_response(root, c, &rq);
            c->len = 0;
            continue;
        }
        request rq;
        parse_request(c->buf, n, &rq);
        memmove(c->buf, c->buf + n, c->len - n);
        c->len -= n;
        start_response(root, c, &rq);
    }
}

static void *loop(void *arg) {
    (void)arg;
    int lfd = listener();
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    struct epoll_event events[256];
    while (!stopping) {
        int n = epoll_wait(ep, events, 256, 500);
        for (int i = 0; i < n; i++) {
            conn *c = events[i].data.ptr;
            if (!c) {
                int fd;
                while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    int one = 1;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conn *nc = malloc(sizeof *nc);
                    nc->fd = fd; nc->len = 0; nc->file = -1;
                    nc->sending = nc->want_out = false;
                    struct epoll_event cev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = nc};
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev);
                }
                continue;
            }
            int r;
            if (c->sending) {
                r = serve(c);
            } else {
                ssize_t got = read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
                if (got == 0 || (got < 0 && errno != EAGAIN)) { close_conn(ep, c); continue; }
                if (got < 0) continue;
                c->len += (size_t)got;
                r = serve(c);
            }
            if (r < 0) { close_conn(ep, c); continue; }
            if ((r == 1) != c->want_out) {
                c->want_out = r == 1;
                struct epoll_event cev = {.events = c->want_out ? EPOLLOUT : EPOLLIN | EPOLLRDHUP,
                                          .data.ptr = c};
                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &cev);
            }
        }
    }
    close(lfd);
    close(ep);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT ROOT NLOOPS\n", argv[0]);
        return 2;
    }
    port = atoi(argv[1]);
    root = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int loops = atoi(argv[3]);
    if (root < 0 || loops < 1) { perror("evserver: ROOT"); return 2; }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    pthread_t threads[64];
    if (loops > 64) loops = 64;
    for (int i = 0; i < loops; i++) pthread_create(&threads[i], NULL, loop, NULL);
    printf("listening on http://127.0.0.1:%d\n", port);
    fflush(stdout);
    for (int i = 0; i < loops; i++) pthread_join(threads[i], NULL);
    return 0;
}
