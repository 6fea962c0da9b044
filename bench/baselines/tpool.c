/*
 * Hand-written thread-pool HTTP/1.1 static-file server: the blocking baseline of bench/.
 *
 *     ./tpool PORT ROOT NTHREADS
 *
 * The main thread accepts connections in a blocking accept4() loop and puts them on a
 * mutex/condvar ring; NTHREADS workers each take one connection and serve it with blocking
 * I/O (read, header with MSG_MORE, sendfile) until the client closes it or asks for
 * Connection: close. A connection occupies its worker for its whole life, so NTHREADS must be
 * at least the number of concurrent clients or some are starved (bench/web_bench.py checks
 * that every connection was served). No access log, no file cache. Stops on SIGINT/SIGTERM.
 */
#include "http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#define QUEUE 4096

static int root, listen_fd;
static volatile sig_atomic_t stopping;
static int queue[QUEUE];
static unsigned head, tail;  /* tail - head = queued connections */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER, nonfull = PTHREAD_COND_INITIALIZER;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static bool send_all(int fd, const char *p, size_t n, int flags) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, flags | MSG_NOSIGNAL);
        if (w < 0) { if (errno == EINTR) continue; return false; }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Answers one parsed request; returns whether the connection stays open. */
static bool respond(int fd, request *rq) {
    char hdr[512 + 64];
    if (rq->status == 0) {
        off_t size = 0;
        int file = open_file(root, rq, &size);
        if (file >= 0) {
            size_t hlen = response_header(hdr, 200, content_type(rq->path), size, rq->keep_alive);
            bool ok = send_all(fd, hdr, hlen, rq->head_only ? 0 : MSG_MORE);
            for (off_t off = 0; ok && !rq->head_only && off < size;) {
                ssize_t n = sendfile(fd, file, &off, (size_t)(size - off));
                if (n <= 0 && !(n < 0 && errno == EINTR)) ok = false;
            }
            close(file);
            return ok && rq->keep_alive;
        }
    }
    int status = rq->status;
    bool keep = rq->keep_alive && (status == 404 || status == 405);
    int blen = snprintf(hdr + 512, 64, "%d %s\n", status, reason(status));
    size_t hlen = response_header(hdr, status, "text/plain", blen, keep);
    if (!rq->head_only) { memmove(hdr + hlen, hdr + 512, (size_t)blen); hlen += (size_t)blen; }
    return send_all(fd, hdr, hlen, 0) && keep;
}

static void serve(int fd) {
    char buf[HEAD_MAX];
    size_t len = 0;
    for (;;) {
        size_t n = head_end(buf, len);
        if (n == 0) {
            if (len == sizeof buf) {
                request rq = {.status = 431};
                respond(fd, &rq);
                return;
            }
            ssize_t got = read(fd, buf + len, sizeof buf - len);
            if (got < 0 && errno == EINTR && !stopping) continue;
            if (got <= 0) return;
            len += (size_t)got;
            continue;
        }
        request rq;
        parse_request(buf, n, &rq);
        memmove(buf, buf + n, len - n);
        len -= n;
        if (!respond(fd, &rq)) return;
    }
}

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (head == tail && !stopping) pthread_cond_wait(&nonempty, &lock);
        if (head == tail) { pthread_mutex_unlock(&lock); return NULL; }
        int fd = queue[head++ % QUEUE];
        pthread_cond_signal(&nonfull);
        pthread_mutex_unlock(&lock);
        serve(fd);
        close(fd);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT ROOT NTHREADS\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    root = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int nthreads = atoi(argv[3]);
    if (root < 0 || nthreads < 1) { perror("tpool: ROOT"); return 2; }
    struct sigaction sa = {.sa_handler = on_signal};  /* no SA_RESTART: accept returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listen_fd, 4096) < 0) {
        perror("tpool: bind/listen");
        return 1;
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t *threads = calloc((size_t)nthreads, sizeof *threads);
    for (int i = 0; i < nthreads; i++) pthread_create(&threads[i], &attr, worker, NULL);
    printf("listening on http://127.0.0.1:%d\n", port);
    fflush(stdout);

    while (!stopping) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) continue;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        pthread_mutex_lock(&lock);
        while (tail - head == QUEUE && !stopping) pthread_cond_wait(&nonfull, &lock);
        queue[tail++ % QUEUE] = fd;
        pthread_cond_signal(&nonempty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    pthread_cond_broadcast(&nonempty);
    pthread_mutex_unlock(&lock);
    /* Workers blocked in read() on idle keep-alive connections are not waited for. */
    return 0;
}
