/*
 * The HTTP/1.1 parts shared by the two hand-written baseline servers (tpool.c, evserver.c):
 * request-head parsing, path checks, the response header. Static functions only, so each
 * server stays one translation unit.
 *
 * Both servers do what nginx does without open_file_cache: every request opens the file,
 * fstat()s it, sends the header with MSG_MORE, sendfile()s the body and closes the file.
 */
#ifndef BASELINE_HTTP_H
#define BASELINE_HTTP_H

#define _GNU_SOURCE
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX 8192  /* a request head longer than this gets 431 and the connection closes */

typedef struct {
    int status;          /* 0 = parsed; otherwise the error status to answer */
    bool head_only;      /* HEAD */
    bool keep_alive;
    size_t length;       /* bytes of the head, blank line included */
    char path[1024];     /* request-target relative to the document root, no leading '/' */
} request;

/* Position just past "\r\n\r\n" in buf[0..n), or 0 when the head is not complete. */
static size_t head_end(const char *buf, size_t n) {
    const char *end = memmem(buf, n, "\r\n\r\n", 4);
    return end ? (size_t)(end - buf) + 4 : 0;
}

static bool header_has_token(const char *value, size_t n, const char *token) {
    size_t t = strlen(token);
    for (size_t i = 0; i + t <= n; i++)
        if (strncasecmp(value + i, token, t) == 0) return true;
    return false;
}

/* Parses the head buf[0..n) (complete, ends with the blank line). */
static void parse_request(const char *buf, size_t n, request *rq) {
    memset(rq, 0, offsetof(request, path) + 1);
    rq->length = n;
    const char *end = buf + n;
    const char *sp1 = memchr(buf, ' ', (size_t)(end - buf));
    if (!sp1) { rq->status = 400; return; }
    const char *target = sp1 + 1;
    const char *sp2 = memchr(target, ' ', (size_t)(end - target));
    const char *eol = memmem(buf, n, "\r\n", 2);
    if (!sp2 || sp2 > eol || eol - sp2 != 9 || memcmp(sp2 + 1, "HTTP/1.", 7) != 0) {
        rq->status = 400; return;
    }
    bool http11 = sp2[8] == '1';
    size_t mlen = (size_t)(sp1 - buf);
    if (mlen == 4 && memcmp(buf, "HEAD", 4) == 0) rq->head_only = true;
    else if (!(mlen == 3 && memcmp(buf, "GET", 3) == 0)) { rq->status = 405; return; }
    rq->keep_alive = http11;
    for (const char *line = eol + 2; line < end - 2;) {
        const char *next = memmem(line, (size_t)(end - line), "\r\n", 2);
        const char *colon = memchr(line, ':', (size_t)(next - line));
        if (!colon) { rq->status = 400; return; }
        if (colon - line == 10 && strncasecmp(line, "connection", 10) == 0) {
            size_t vlen = (size_t)(next - colon - 1);
            if (header_has_token(colon + 1, vlen, "close")) rq->keep_alive = false;
            else if (header_has_token(colon + 1, vlen, "keep-alive")) rq->keep_alive = true;
        }
        line = next + 2;
    }
    size_t tlen = (size_t)(sp2 - target);
    const char *query = memchr(target, '?', tlen);
    if (query) tlen = (size_t)(query - target);
    if (tlen == 0 || target[0] != '/') { rq->status = 400; return; }
    if (tlen >= sizeof rq->path) { rq->status = 414; return; }
    memcpy(rq->path, target + 1, tlen - 1);
    rq->path[tlen - 1] = '\0';
    /* Refuse any ".." segment: no path may leave the document root. */
    for (const char *p = rq->path; *p;) {
        const char *slash = strchr(p, '/');
        size_t seg = slash ? (size_t)(slash - p) : strlen(p);
        if (seg == 2 && p[0] == '.' && p[1] == '.') { rq->status = 400; return; }
        p += seg + (slash != NULL);
    }
    if (rq->path[0] == '\0' || rq->path[strlen(rq->path) - 1] == '/')
        strncat(rq->path, "index.html", sizeof rq->path - strlen(rq->path) - 1);
}

static const char *content_type(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html") || !strcmp(dot, ".htm")) return "text/html";
    if (!strcmp(dot, ".txt")) return "text/plain";
    if (!strcmp(dot, ".css")) return "text/css";
    if (!strcmp(dot, ".js")) return "application/javascript";
    if (!strcmp(dot, ".png")) return "image/png";
    if (!strcmp(dot, ".jpg") || !strcmp(dot, ".jpeg")) return "image/jpeg";
    return "application/octet-stream";
}

/* Opens the file of a parsed request under the document root dirfd; sets rq->status to 404
 * on failure. Returns the fd (or -1) and its size. */
static int open_file(int root, request *rq, off_t *size) {
    int fd = openat(root, rq->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) close(fd);
        rq->status = 404;
        return -1;
    }
    *size = st.st_size;
    return fd;
}

static const char *reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
    }
}

/* Writes the response header into out (size >= 512); returns its length. */
static size_t response_header(char *out, int status, const char *type, off_t length,
                              bool keep_alive) {
    return (size_t)snprintf(out, 512,
                            "HTTP/1.1 %d %s\r\nServer: baseline\r\nContent-Type: %s\r\n"
                            "Content-Length: %lld\r\n%s\r\n",
                            status, reason(status), type, (long long)length,
                            keep_alive ? "" : "Connection: close\r\n");
}

#endif
