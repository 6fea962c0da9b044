/*
 * The C nodes of deadlock.flux: a tiny TCP server whose two paths would deadlock without the
 * checker's elevation of x to C.
 *
 *     deadlock [--port N] [--host ADDR]
 *
 * A client connects and sends one line: "A" (path A -> B: holds x, then takes y), "C"
 * (path C -> D: holds y, and D needs x) or "R" (report only). The answer is one line,
 * "DONE a=<requests through B> c=<requests through D> violations=<n>" (the counts as B or D saw
 * them, holding x and y), then the connection is closed. B and D count with plain read-modify-writes and check the constraints they hold
 * (x and y as writers: nobody else inside), so lost counts or violations would show any
 * runtime that broke mutual exclusion; a deadlock would hang the clients (the tests use a
 * watchdog). Under a correct runtime the counts are exact and violations stay 0.
 */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netpoll.h"
#include "util.h"

static int listen_fd = -1;
static long through_b, through_d;          /* B: under y (and x, held by A); D: under x and y */
static _Atomic int inside_x, inside_y;
static _Atomic long violations;

static void enter(_Atomic int *inside) {
    if (atomic_fetch_add(inside, 1) != 0) atomic_fetch_add(&violations, 1);
}
static void leave(_Atomic int *inside) { atomic_fetch_sub(inside, 1); }

int Accept(Accept_out *out) {
    int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) return errno == EINTR || errno == EAGAIN ? 1 : errno;
    struct timeval wait = {.tv_sec = 2};   /* a silent client cannot hold the source long */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    char line[8];
    ssize_t n = recv(fd, line, sizeof line, 0);
    request *req = malloc(sizeof *req);
    if (n <= 0 || !req || (line[0] != 'A' && line[0] != 'C' && line[0] != 'R')) {
        close(fd);
        free(req);
        return 1;
    }
    req->path = line[0];
    req->report = line[0] == 'R';
    out->socket = fd;
    out->req = req;
    return 0;
}

bool TakesPathA(request *req) { return req->path == 'A' || req->report; }

int B(B_in *in, B_out *out) {     /* A holds x, B holds y */
    out->socket = in->socket;
    out->req = in->req;
    enter(&inside_x);
    enter(&inside_y);
    long seen = through_b;
    if (!in->req->report) through_b = seen + 1;
    in->req->a = through_b;
    in->req->c = through_d;
    leave(&inside_y);
    leave(&inside_x);
    return 0;
}

int D(D_in *in, D_out *out) {     /* C holds y and, elevated, x; D holds x */
    out->socket = in->socket;
    out->req = in->req;
    enter(&inside_x);
    enter(&inside_y);
    long seen = through_d;
    through_d = seen + 1;
    in->req->a = through_b;
    in->req->c = through_d;
    leave(&inside_y);
    leave(&inside_x);
    return 0;
}

int Reply(Reply_in *in) {
    char line[128];
    int n = snprintf(line, sizeof line, "DONE a=%ld c=%ld violations=%ld\n", in->req->a,
                     in->req->c, atomic_load(&violations));
    send(in->socket, line, (size_t)n, MSG_NOSIGNAL);
    close(in->socket);
    free(in->req);
    return 0;
}

int flux_init(int argc, char **argv) {
    const char *host = "127.0.0.1", *v;
    int port = 9000, bound;
    for (int i = 0; i < argc; i++) {
        if (option(argc, argv, &i, "--port", &v)) port = atoi(v);
        else if (option(argc, argv, &i, "--host", &v)) host = v;
        else if (i > 0 || argv[i][0] == '-') {
            fprintf(stderr, "deadlock: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    listen_fd = np_listen(host, port, 0, &bound);  /* blocking: Accept waits in accept4 */
    if (listen_fd < 0) {
        fprintf(stderr, "deadlock: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
        return 1;
    }
    printf("listening on tcp://%s:%d\n", host, bound);
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    if (listen_fd >= 0) close(listen_fd);
    listen_fd = -1;
}
