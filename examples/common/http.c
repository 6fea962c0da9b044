/* http: see http.h. */
#define _GNU_SOURCE
#include "flux_nodes.h"  /* the program's Listen_out and connection (see http.h) */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

netpoll http_server;

/* The source node: the next connection with input (new or kept alive) from http_server. */
int Listen(Listen_out *out) {
    np_conn *c;
    if (np_next(&http_server, &c) != 0) return 1;
    out->conn = (connection *)c;
    return 0;
}

size_t http_head_length(const char *buf, size_t len) {
    /* Lines end with CRLF or, as nginx (and RFC 9112 §2.2) accepts, a bare LF; the head ends
     * with the first empty line after the request line (empty lines before it are skipped). */
    size_t i = 0;
    while (i < len && (buf[i] == '\n' || (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')))
        i += buf[i] == '\r' ? 2 : 1;
    for (const char *nl; (nl = memchr(buf + i, '\n', len - i)) != NULL;) {
        i = (size_t)(nl - buf) + 1;
        if (i < len && buf[i] == '\n') return i + 1;
        if (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n') return i + 2;
    }
    return 0;
}

static const char *reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

const char *http_date_line(size_t *length) {
    static __thread time_t last = -1;
    static __thread char line[64];
    static __thread size_t len;
    time_t now = time(NULL);
    if (now != last) {
        struct tm tm;
        gmtime_r(&now, &tm);
        len = strftime(line, sizeof line, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
        last = now;
    }
    *length = len;
    return line;
}

const char *http_connection_line(const http_head *head, bool keep) {
    return keep ? (head->http11 ? "" : "Connection: keep-alive\r\n") : "Connection: close\r\n";
}

/* Whether the client may still be sending: then closing at once could reset the connection
 * and destroy the response before the client reads it (so the close lingers a little). */
static bool unread_input(np_conn *c, const http_head *head) {
    int pending = 0;
    return head->length == 0 || head->body || c->len > c->off + head->length ||
           (ioctl(c->fd, FIONREAD, &pending) == 0 && pending > 0);
}

void http_finish(np_conn *c, const http_head *head, bool keep) {
    if (keep) {
        np_consume(c, head->length);
        np_rearm(c);  /* after the output np_send queued, if any */
    } else {
        np_close_after_output(c, unread_input(c, head));
    }
}

void http_answer_error(np_conn *c, const http_head *head, int status, bool keep) {
    char body[96], text[512];
    int blen = snprintf(body, sizeof body, "%d %s\n", status, reason(status));
    size_t dlen;
    const char *date = http_date_line(&dlen);
    int hlen = snprintf(text, sizeof text,
                        "HTTP/1.1 %d %s\r\nServer: flux\r\n%.*sContent-Type: text/plain\r\n"
                        "Content-Length: %d\r\n%s%s\r\n",
                        status, reason(status), (int)dlen, date, blen,
                        status == 405 ? "Allow: GET, HEAD\r\n"
                                      : status == 503 ? "Retry-After: 1\r\n" : "",
                        http_connection_line(head, keep));
    struct iovec iov[2] = {{text, (size_t)hlen}, {body, (size_t)blen}};
    if (np_send(c, iov, head->head_only ? 1 : 2, 0, -1, 0, 0, NULL, NULL) != 0) np_close(c);
    else http_finish(c, head, keep);
}

char *http_read_file(int fd, size_t length) {
    char *data = malloc(length ? length : 1);
    size_t got = 0;
    while (data && got < length) {
        ssize_t n = pread(fd, data + got, length - got, (off_t)got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    if (got < length) {
        free(data);
        return NULL;
    }
    return data;
}
