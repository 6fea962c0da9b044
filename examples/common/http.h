/*
 * http: the HTTP/1.1 parts shared by the example HTTP servers (webserver, imageserver), on
 * netpoll: the framing of a request head, the source node Listen, error responses, and how a
 * connection is handed back or closed after a response.
 *
 * http.c defines the node `Listen () => (connection *conn);` of the program it is built into,
 * so it is compiled against that program's flux_nodes.h: the program's `connection` struct
 * begins with an np_conn, and its flux_init opens http_server with http_open.
 */
#ifndef FLUX_EXAMPLES_HTTP_H
#define FLUX_EXAMPLES_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "netpoll.h"

#define HTTP_HEAD_MAX 8192  /* a request head must fit in this (np_open's buf_cap) */

/* What the helpers need to know of the request a response answers; it lives in the
 * program's request struct. */
typedef struct http_head {
    size_t length;   /* bytes of the request head in the connection's buffer (0: not read whole) */
    bool http11;     /* HTTP/1.1, persistent by default (else 1.0) */
    bool head_only;  /* HEAD: the response has no body */
    bool body;       /* the request announced a body (which is never read) */
} http_head;

/* The poll sets of the program's Listen source: one per place of the runtime. */
extern np_set http_server;

/* Opens http_server on host:port (port 0 picks a free one: http_server.port) with the given
 * limits, one shard per place (flux_places()), and makes Listen a local source: each runtime
 * thread accepts and polls its own connections and runs their flows itself. Call it in
 * flux_init. Returns 0, or -1 with errno. */
int http_open(const char *host, int port, size_t conn_size, const np_limits *limits);

/* The framing of HTTP requests: a head ends with an empty line; lines end with CRLF or a bare
 * LF, and empty lines before the request line are skipped (np_complete_fn). */
size_t http_head_length(const char *buf, size_t len);

/* "Date: ...\r\n" for the current second (cached per thread, so no sharing). */
const char *http_date_line(size_t *length);

/* The Connection header line a response needs ("" when the protocol's default says it). */
const char *http_connection_line(const http_head *head, bool keep);

/* Answers an error status with a short text body (and an Allow header for 405, Retry-After
 * for 503), without waiting for a slow reader (np_send), then keeps or closes the connection
 * (http_finish). */
void http_answer_error(np_conn *c, const http_head *head, int status, bool keep);

/* Hands the connection back after a response (keep: the request head is consumed and the
 * connection goes back to the poll set) or closes it, lingering if the client may still be
 * sending (closing with unread input resets the connection, which can destroy the response
 * before the client reads it); either after the output np_send queued, without holding the
 * thread. The caller must not touch c afterwards. */
void http_finish(np_conn *c, const http_head *head, bool keep);

/* The first length bytes of the open file fd (pread), in a malloc'd buffer of at least one
 * byte; NULL when out of memory or the file is shorter. */
char *http_read_file(int fd, size_t length);

#endif
