/* fastcgi: see fastcgi.h. */
#define _GNU_SOURCE
#include "fastcgi.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ connections */

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for events on fd for up to timeout_ms: 0, or -1 with errno ETIMEDOUT. */
static int wait_fd(int fd, short events, int timeout_ms) {
    struct pollfd pfd = {.fd = fd, .events = events};
    for (;;) {
        int n = poll(&pfd, 1, timeout_ms);
        if (n > 0) return 0;
        if (n == 0) { errno = ETIMEDOUT; return -1; }
        if (errno != EINTR) return -1;
    }
}

/* A new non-blocking connection to the address (connect waits up to timeout_ms). */
static int dial(const char *address, int timeout_ms) {
    int fd = -1;
    if (address[0] == '/' || address[0] == '.') {
        struct sockaddr_un sun = {.sun_family = AF_UNIX};
        if (strlen(address) >= sizeof sun.sun_path) { errno = ENAMETOOLONG; return -1; }
        strcpy(sun.sun_path, address);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0 &&
            errno != EINPROGRESS && errno != EAGAIN) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
    } else {
        char host[128];
        const char *colon = strrchr(address, ':');
        if (!colon || (size_t)(colon - address) >= sizeof host) { errno = EINVAL; return -1; }
        memcpy(host, address, (size_t)(colon - address));
        host[colon - address] = '\0';
        struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
        if (getaddrinfo(host, colon + 1, &hints, &res) != 0) { errno = EHOSTUNREACH; return -1; }
        fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) < 0 && errno != EINPROGRESS) {
            int saved = errno;
            close(fd);
            fd = -1;
            errno = saved;
        }
        freeaddrinfo(res);
        if (fd < 0) return -1;
    }
    if (fd < 0) return -1;
    int error = 0;
    socklen_t elen = sizeof error;
    if (wait_fd(fd, POLLOUT, timeout_ms) < 0 ||
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &elen) < 0 || error != 0) {
        int saved = error ? error : errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int fcgi_pool_init(fcgi_pool *p, const char *address, int max) {
    memset(p, 0, sizeof *p);
    snprintf(p->address, sizeof p->address, "%s", address);
    p->max = max > 0 ? max : 1;
    p->idle = calloc((size_t)p->max, sizeof *p->idle);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    return p->idle ? 0 : -1;
}

void fcgi_pool_free(fcgi_pool *p) {
    for (int i = 0; i < p->nidle; i++) close(p->idle[i]);
    free(p->idle);
    p->idle = NULL;
    p->nidle = p->total = 0;
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->freed);
}

/* Whether an idle connection is still usable: the server closes one it no longer wants (or
 * dies), and then it is readable (end of input) while it should be silent. */
static bool still_open(int fd) {
    struct pollfd pfd = {.fd = fd, .events = POLLIN | POLLRDHUP};
    return poll(&pfd, 1, 0) == 0;
}

int fcgi_acquire(fcgi_pool *p, int timeout_ms, bool *reused) {
    int64_t deadline = now_ms() + timeout_ms;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->nidle > 0) {
            int fd = p->idle[--p->nidle];
            if (still_open(fd)) {
                pthread_mutex_unlock(&p->lock);
                atomic_fetch_add(&p->reuses, 1);
                *reused = true;
                return fd;
            }
            close(fd);
            p->total--;
        }
        if (p->total < p->max) break;
        int64_t left = deadline - now_ms();
        if (left <= 0) {
            pthread_mutex_unlock(&p->lock);
            errno = ETIMEDOUT;
            return -1;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)(left / 1000);
        until.tv_nsec += (long)(left % 1000) * 1000000;
        if (until.tv_nsec >= 1000000000) { until.tv_sec++; until.tv_nsec -= 1000000000; }
        pthread_cond_timedwait(&p->freed, &p->lock, &until);
    }
    p->total++;  /* a place for a new connection, made outside the lock */
    pthread_mutex_unlock(&p->lock);
    int fd = dial(p->address, timeout_ms);
    if (fd < 0) {
        int saved = errno;
        pthread_mutex_lock(&p->lock);
        p->total--;
        pthread_cond_signal(&p->freed);
        pthread_mutex_unlock(&p->lock);
        errno = saved;
        return -1;
    }
    atomic_fetch_add(&p->connects, 1);
    *reused = false;
    return fd;
}

void fcgi_release(fcgi_pool *p, int fd, bool reusable) {
    pthread_mutex_lock(&p->lock);
    if (reusable && p->nidle < p->max) {
        p->idle[p->nidle++] = fd;
    } else {
        close(fd);
        p->total--;
    }
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

/* ------------------------------------------------------------------ writing records */

static void header(unsigned char *h, int type, size_t length, size_t padding) {
    h[0] = 1;                     /* FCGI_VERSION_1 */
    h[1] = (unsigned char)type;
    h[2] = 0;                     /* request id 1 */
    h[3] = 1;
    h[4] = (unsigned char)(length >> 8);
    h[5] = (unsigned char)length;
    h[6] = (unsigned char)padding;
    h[7] = 0;
}

/* Writes every iovec, waiting (poll) while the socket is full. */
static int write_all(int fd, struct iovec *iov, int count, int timeout_ms) {
    while (count > 0) {
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)count};
        ssize_t n = sendmsg(fd, &msg, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN) return -1;
            if (wait_fd(fd, POLLOUT, timeout_ms) < 0) return -1;
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

int fcgi_stream(int fd, int type, const void *data, size_t length, int timeout_ms) {
    static const unsigned char zeros[8];
    const char *p = data;
    do {
        size_t n = length < FCGI_RECORD_MAX - 7 ? length : FCGI_RECORD_MAX - 7;
        size_t padding = (8 - n % 8) % 8;   /* records aligned on 8 bytes, as recommended */
        unsigned char h[8];
        header(h, type, n, padding);
        struct iovec iov[3] = {{h, 8}, {(void *)p, n}, {(void *)zeros, padding}};
        if (write_all(fd, iov, 3, timeout_ms) < 0) return -1;
        p += n;
        length -= n;
    } while (length > 0);
    return 0;
}

int fcgi_begin(int fd, const fcgi_params *params, int timeout_ms) {
    unsigned char begin[16];
    header(begin, FCGI_BEGIN_REQUEST, 8, 0);
    memset(begin + 8, 0, 8);
    begin[9] = 1;   /* FCGI_RESPONDER */
    begin[10] = 1;  /* FCGI_KEEP_CONN */
    struct iovec iov = {begin, sizeof begin};
    if (write_all(fd, &iov, 1, timeout_ms) < 0) return -1;
    if (params->length > 0 &&
        fcgi_stream(fd, FCGI_PARAMS, params->data, params->length, timeout_ms) < 0)
        return -1;
    return fcgi_stream(fd, FCGI_PARAMS, NULL, 0, timeout_ms);
}

/* ------------------------------------------------------------------ PARAMS */

static size_t put_length(unsigned char *p, size_t n) {
    if (n < 128) {
        p[0] = (unsigned char)n;
        return 1;
    }
    p[0] = (unsigned char)(0x80 | (n >> 24));
    p[1] = (unsigned char)(n >> 16);
    p[2] = (unsigned char)(n >> 8);
    p[3] = (unsigned char)n;
    return 4;
}

bool fcgi_param(fcgi_params *params, const char *name, size_t nlen, const char *value,
                size_t vlen) {
    size_t need = params->length + 8 + nlen + vlen;
    if (need > params->cap) {
        size_t cap = params->cap ? params->cap * 2 : 2048;
        while (cap < need) cap *= 2;
        char *data = realloc(params->data, cap);
        if (!data) return false;
        params->data = data;
        params->cap = cap;
    }
    unsigned char *p = (unsigned char *)params->data + params->length;
    p += put_length(p, nlen);
    p += put_length(p, vlen);
    memcpy(p, name, nlen);
    memcpy(p + nlen, value, vlen);
    params->length = (size_t)((char *)p + nlen + vlen - params->data);
    return true;
}

bool fcgi_param_str(fcgi_params *params, const char *name, const char *value) {
    return fcgi_param(params, name, strlen(name), value, strlen(value));
}

/* ------------------------------------------------------------------ reading records */

/* Makes at least `need` bytes available at r->buf + r->off. 1, 0 at end of input, -1. */
static int fill(fcgi_reader *r, size_t need, int timeout_ms) {
    if (r->len - r->off >= need) return 1;
    if (r->off > 0) {
        memmove(r->buf, r->buf + r->off, r->len - r->off);
        r->len -= r->off;
        r->off = 0;
    }
    while (r->len < need) {
        ssize_t n = recv(r->fd, r->buf + r->len, sizeof r->buf - r->len, 0);
        if (n > 0) {
            r->len += (size_t)n;
        } else if (n == 0) {
            return 0;
        } else if (errno == EAGAIN) {
            if (wait_fd(r->fd, POLLIN, timeout_ms) < 0) return -1;
        } else if (errno != EINTR) {
            return errno == ECONNRESET ? 0 : -1;
        }
    }
    return 1;
}

int fcgi_read(fcgi_reader *r, int *type, const char **content, size_t *length, int timeout_ms) {
    int got = fill(r, 8, timeout_ms);
    if (got <= 0) return got;
    const unsigned char *h = r->buf + r->off;
    if (h[0] != 1) { errno = EPROTO; return -1; }
    size_t n = (size_t)h[4] << 8 | h[5], total = 8 + n + h[6];
    *type = h[1];
    got = fill(r, total, timeout_ms);
    if (got <= 0) return got;
    *content = (const char *)r->buf + r->off + 8;
    *length = n;
    r->off += total;
    return 1;
}

bool fcgi_reader_empty(const fcgi_reader *r) { return r->off == r->len; }

void fcgi_end_request(const char *content, size_t length, uint32_t *app_status,
                      int *protocol_status) {
    const unsigned char *c = (const unsigned char *)content;
    *app_status = length >= 4 ? (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 |
                                    (uint32_t)c[2] << 8 | c[3]
                              : 0;
    *protocol_status = length >= 5 ? c[4] : 0;
}

/* ------------------------------------------------------------------ the response head */

size_t fcgi_head_length(const char *buf, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != '\n') continue;
        if (i == 0 || (i == 1 && buf[0] == '\r')) return i + 1;  /* no header at all */
        if (i + 1 < len && buf[i + 1] == '\n') return i + 2;
        if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n') return i + 3;
    }
    return 0;
}

int fcgi_each_header(const char *head, size_t length,
                     void (*line)(void *arg, const char *name, size_t nlen, const char *value,
                                  size_t vlen),
                     void *arg) {
    const char *p = head, *end = head + length;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        const char *line_end = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        if (line_end == p) break;   /* the empty line */
        const char *colon = memchr(p, ':', (size_t)(line_end - p));
        if (!colon || colon == p) return -1;
        const char *v = colon + 1, *vend = line_end;
        while (v < vend && (*v == ' ' || *v == '\t')) v++;
        while (vend > v && (vend[-1] == ' ' || vend[-1] == '\t')) vend--;
        line(arg, p, (size_t)(colon - p), v, (size_t)(vend - v));
        p = eol + 1;
    }
    return 0;
}
