/* The nodes of local.flux: a line server on a local source. */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PLACES 64

static struct {
    int listen_fd, epfd;
} shard[MAX_PLACES];
static int nshards, gate = -1, expected_fast, count_fds;
static _Atomic int fast_served;

/* The descriptors open in this process (not counting the one that lists them). */
static int open_fds(void) {
    DIR *dir = opendir("/proc/self/fd");
    if (dir == NULL) return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;)
        n += e->d_name[0] != '.';
    closedir(dir);
    return n - 1;
}

int flux_init(int argc, char **argv) {
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--gate") == 0) gate = open(argv[i + 1], O_RDWR | O_CLOEXEC);
        else if (strcmp(argv[i], "--fast") == 0) expected_fast = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--count-fds") == 0) count_fds = atoi(argv[i + 1]);
    }
    if (flux_source_local("Accept") != 0) return 1;
    nshards = flux_places() < MAX_PLACES ? flux_places() : MAX_PLACES;
    int port = 0, one = 1;
    for (int i = 0; i < nshards; i++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
        struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                                   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        socklen_t len = sizeof addr;
        if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 128) != 0 ||
            getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
            perror("local: listen");
            return 1;
        }
        port = ntohs(addr.sin_port);
        shard[i].listen_fd = fd;
        shard[i].epfd = epoll_create1(EPOLL_CLOEXEC);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
        epoll_ctl(shard[i].epfd, EPOLL_CTL_ADD, fd, &ev);
    }
    printf("listening on tcp://127.0.0.1:%d\n", port);
    if (count_fds) printf("descriptors %d\n", open_fds()); /* what a client sees when ready */
    fflush(stdout);
    return 0;
}

int Accept(Accept_out *out) {
    int place = flux_place();
    for (;;) {
        struct epoll_event ev;
        int n = flux_poll_wait(shard[place].epfd, &ev, 1, 1000);
        if (n < 0) return errno;  /* EINTR on shutdown */
        if (n == 0) return flux_stopping() ? 1 : FLUX_NOTHING;  /* the thread has other work */
        if (ev.data.ptr != NULL) {
            out->c = ev.data.ptr;
            return 0;
        }
        int fd;
        while ((fd = accept4(shard[place].listen_fd, NULL, NULL, SOCK_CLOEXEC)) >= 0) {
            conn *c = malloc(sizeof *c);
            c->fd = fd;
            c->place = place;
            struct epoll_event cev = {.events = EPOLLIN | EPOLLONESHOT, .data.ptr = c};
            epoll_ctl(shard[place].epfd, EPOLL_CTL_ADD, fd, &cev);
        }
    }
}

void AcceptFailed(int err) {
    fprintf(stderr, "local: Accept failed with %d\n", err);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int Handle(Handle_in *in) {
    conn *c = in->c;
    char line[64];
    size_t got = 0;
    while (got < sizeof line - 1 && (got == 0 || line[got - 1] != '\n')) {
        ssize_t n = read(c->fd, line + got, sizeof line - 1 - got);
        if (n <= 0) {
            close(c->fd);
            free(c);
            return 0;
        }
        got += (size_t)n;
    }
    line[got] = '\0';
    char reply[64];
    if (strncmp(line, "fast", 4) == 0) {
        atomic_fetch_add(&fast_served, 1);
        snprintf(reply, sizeof reply, "fast %d\n", c->place);
    } else if (strncmp(line, "block", 5) == 0) {
        printf("slow flow started\n");
        fflush(stdout);
        char byte;
        ssize_t n = read(gate, &byte, 1);  /* blocks until the test writes to the FIFO */
        snprintf(reply, sizeof reply, "block %d %s\n", c->place, n == 1 ? "done" : "failed");
    } else {
        printf("slow flow started\n");
        fflush(stdout);
        double until = now() + 30;  /* a broken runtime serves nothing here: give up */
        while (atomic_load(&fast_served) < expected_fast && now() < until) {}
        snprintf(reply, sizeof reply, "spin %d %s\n", c->place,
                 atomic_load(&fast_served) >= expected_fast ? "done" : "starved");
    }
    if (write(c->fd, reply, strlen(reply)) < 0) {}
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.ptr = c};
    epoll_ctl(shard[c->place].epfd, EPOLL_CTL_MOD, c->fd, &ev);
    return 0;
}

void flux_shutdown(void) {
    for (int i = 0; i < nshards; i++) {
        close(shard[i].listen_fd);
        close(shard[i].epfd);
    }
}
