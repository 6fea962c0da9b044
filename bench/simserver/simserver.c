/*
 * simserver: the nodes of simserver.flux. GET anything answers "ok" after Work and Update
 * have spun for their CPU time (--work-us, --locked-us).
 */
#include "flux_nodes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

enum { SS_AGAIN = 1, SS_EOF = 2 };

static long work_us = 1000, locked_us = 0;

/* Burns CPU until this thread has used `us` microseconds more of it. */
static void spin(long us) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    long long end = (long long)t.tv_sec * 1000000000LL + t.tv_nsec + us * 1000LL;
    volatile unsigned sink = 0;
    do {
        for (int i = 0; i < 200; i++) sink += (unsigned)i;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    } while ((long long)t.tv_sec * 1000000000LL + t.tv_nsec < end);
}

int ReadRequest(ReadRequest_in *in, ReadRequest_out *out) {
    connection *conn = in->conn;
    out->conn = conn;
    memset(&conn->head, 0, sizeof conn->head);
    ssize_t n = np_read_message(&conn->base);
    if (n > 0) {
        conn->head.length = (size_t)n;
        conn->head.http11 = true;
        conn->keep_alive = true;
        return 0;
    }
    if (n < 0 && errno == EAGAIN) return SS_AGAIN;
    return SS_EOF;
}

int Work(Work_in *in, Work_out *out) {
    out->conn = in->conn;
    spin(work_us);
    return 0;
}

int Update(Update_in *in, Update_out *out) {
    out->conn = in->conn;
    spin(locked_us);
    return 0;
}

int Reply(Reply_in *in) {
    static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    connection *conn = in->conn;
    if (np_write(&conn->base, answer, sizeof answer - 1, NP_WRITE_TIMEOUT_MS)) return SS_EOF;
    http_finish(&conn->base, &conn->head, conn->keep_alive);
    return 0;
}

void ReadFailed(ReadRequest_in *in, int err) {
    if (err == SS_AGAIN) np_rearm(&in->conn->base);
    else np_close(&in->conn->base);
}

void Drop(Serve_in *in, int err) {
    (void)err;
    np_close(&in->conn->base);
}

int flux_init(int argc, char **argv) {
    const char *host = "127.0.0.1", *v;
    int port = 8080;
    for (int i = 0; i < argc; i++) {
        if (option(argc, argv, &i, "--port", &v)) port = atoi(v);
        else if (option(argc, argv, &i, "--host", &v)) host = v;
        else if (option(argc, argv, &i, "--work-us", &v)) work_us = atol(v);
        else if (option(argc, argv, &i, "--locked-us", &v)) locked_us = atol(v);
        else if (i > 0 || argv[i][0] == '-') {
            fprintf(stderr, "simserver: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (np_open(&http_server, host, port, sizeof(connection), HTTP_HEAD_MAX, http_head_length,
                flux_stopping) < 0) {
        fprintf(stderr, "simserver: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
        return 1;
    }
    printf("listening on http://%s:%d\n", host, http_server.port);
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    np_free(&http_server);
}
