/*
 * kvload — a closed-loop load generator for examples/kvstore's line protocol (bench only).
 *
 *   kvload --port P [--host 127.0.0.1] [-c CONNECTIONS] [-d SECONDS] [--value-bytes N]
 *          [--keys K] [--get-percent G]
 *
 * Each of the connections sends one command (SET keyI VALUE, or GET keyI for --get-percent
 * of them; keys drawn from K), waits for the whole answer, and sends the next at once (no
 * think time: what wrk does for HTTP). One thread, epoll, non-blocking sockets, so one core
 * drives far more than the server's ~10^4–10^5 commands a second. At the end it prints one
 * line: RESULT {"requests", "duration_us", "errors", "p50_us", "p99_us"} — the shape
 * bench/sim_accuracy.py reads from wrk.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    char *out;           /* the command being sent */
    size_t out_len, sent;
    char in[256];        /* the answer's head (answers here are short or skipped over) */
    size_t in_len;
    size_t skip;         /* bytes of a VALUE's body still to read */
    double started;
} conn;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const char *value;
static size_t value_bytes = 100;
static long keys = 1000;
static int get_percent = 0;

static void compose(conn *c) {
    long key = (long)(next_random() % (uint64_t)keys);
    free(c->out);
    if ((int)(next_random() % 100) < get_percent) {
        c->out_len = (size_t)asprintf(&c->out, "GET key%ld\r\n", key);
    } else {
        c->out = malloc(value_bytes + 64);
        if (!c->out) exit(1);
        int n = snprintf(c->out, 64, "SET key%ld ", key);
        memcpy(c->out + n, value, value_bytes);
        memcpy(c->out + n + value_bytes, "\r\n", 2);
        c->out_len = (size_t)n + value_bytes + 2;
    }
    c->sent = 0;
    c->in_len = 0;
    c->skip = 0;
    c->started = now();
}

static int flush_out(conn *c) {
    while (c->sent < c->out_len) {
        ssize_t n = send(c->fd, c->out + c->sent, c->out_len - c->sent, MSG_NOSIGNAL);
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->sent += (size_t)n;
    }
    return 0;
}

/* 1 when the answer is complete, 0 when more is to come, -1 on an error. */
static int read_answer(conn *c) {
    for (;;) {
        char buf[65536];
        size_t want = c->skip ? (c->skip < sizeof buf ? c->skip : sizeof buf)
                              : sizeof c->in - c->in_len;
        ssize_t n = recv(c->fd, c->skip ? buf : c->in + c->in_len, want, 0);
        if (n == 0) return -1;
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        if (c->skip) {
            c->skip -= (size_t)n;
            if (c->skip == 0) return 1;
            continue;
        }
        c->in_len += (size_t)n;
        char *eol = memmem(c->in, c->in_len, "\r\n", 2);
        if (!eol) {
            if (c->in_len == sizeof c->in) return -1;
            continue;
        }
        size_t head = (size_t)(eol + 2 - c->in);
        if (strncmp(c->in, "VALUE ", 6) == 0) {
            size_t body = strtoul(c->in + 6, NULL, 10) + 2, have = c->in_len - head;
            if (have >= body) return 1;
            c->skip = body - have;
            continue;
        }
        if (strncmp(c->in, "ERROR", 5) == 0) return -1;
        return 1;
    }
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 0, connections = 1;
    double seconds = 5;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) break;
        if (!strcmp(a, "--port")) port = atoi(v);
        else if (!strcmp(a, "--host")) host = v;
        else if (!strcmp(a, "-c")) connections = atoi(v);
        else if (!strcmp(a, "-d")) seconds = atof(v);
        else if (!strcmp(a, "--value-bytes")) value_bytes = strtoul(v, NULL, 10);
        else if (!strcmp(a, "--keys")) keys = atol(v);
        else if (!strcmp(a, "--get-percent")) get_percent = atoi(v);
        else { fprintf(stderr, "kvload: unknown option %s\n", a); return 2; }
        i++;
    }
    if (port <= 0 || connections < 1 || keys < 1 || seconds <= 0) {
        fprintf(stderr, "usage: kvload --port P [-c N] [-d S] [--value-bytes N] [--keys K] "
                        "[--get-percent G]\n");
        return 2;
    }
    char *v = malloc(value_bytes + 1);
    if (!v) return 1;
    for (size_t i = 0; i < value_bytes; i++) v[i] = (char)('a' + i % 26);
    value = v;
    int ep = epoll_create1(0);
    conn *cs = calloc((size_t)connections, sizeof *cs);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, host, &addr.sin_addr);
    for (int i = 0; i < connections; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
            perror("kvload: connect");
            return 1;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, O_NONBLOCK);
        cs[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = &cs[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    size_t cap = 1 << 20, count = 0;
    double *lat = malloc(cap * sizeof *lat);
    long errors = 0;
    double start = now(), end = start + seconds;
    for (int i = 0; i < connections; i++) {
        compose(&cs[i]);
        if (flush_out(&cs[i]) < 0) errors++;
    }
    struct epoll_event events[256];
    while (now() < end) {
        int n = epoll_wait(ep, events, 256, 10);
        for (int i = 0; i < n; i++) {
            conn *c = events[i].data.ptr;
            if (events[i].events & EPOLLOUT && flush_out(c) < 0) {
                errors++;
                continue;
            }
            if (!(events[i].events & EPOLLIN)) continue;
            for (;;) {
                int r = read_answer(c);
                if (r < 0) {
                    errors++;
                    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                    break;
                }
                if (r == 0) break;
                double t = now();
                if (count == cap) {
                    cap *= 2;
                    lat = realloc(lat, cap * sizeof *lat);
                    if (!lat) return 1;
                }
                lat[count++] = t - c->started;
                compose(c);
                if (flush_out(c) < 0) {
                    errors++;
                    break;
                }
            }
        }
    }
    double took = now() - start;
    qsort(lat, count, sizeof *lat, cmp);
    double p50 = count ? lat[count / 2] : 0, p99 = count ? lat[(size_t)(count * 0.99)] : 0;
    printf("RESULT {\"requests\":%zu,\"duration_us\":%.0f,\"errors\":%ld,\"p50_us\":%.0f,"
           "\"p99_us\":%.0f}\n", count, took * 1e6, errors, p50 * 1e6, p99 * 1e6);
    return 0;
}
