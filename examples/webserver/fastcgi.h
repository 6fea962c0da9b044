/*
 * fastcgi: a FastCGI client (the responder role) for talking to a php-fpm pool, as nginx's
 * fastcgi_pass does. Independent of Flux: the web server's PHP nodes (php.c) use it.
 *
 *   - fcgi_pool: a bounded pool of connections to one FastCGI server (a Unix socket path or
 *     HOST:PORT). Connections are kept open (FCGI_KEEP_CONN) and reused; at most `max` exist
 *     at once, and a caller that finds them all busy waits for one. A php-fpm child serves one
 *     connection at a time, so `max` must not exceed the pool's pm.max_children.
 *   - Records: BEGIN_REQUEST, PARAMS (name-value pairs), STDIN on the way out; STDOUT, STDERR
 *     and END_REQUEST on the way back. One request at a time per connection (request id 1).
 *   - The CGI response head: "Status:" and the other header lines the script sent.
 *
 * Every wait for the server is a poll() bounded by timeout_ms; a timeout fails with ETIMEDOUT.
 * Sockets are blocking-free (O_NONBLOCK) and written with MSG_NOSIGNAL.
 */
#ifndef FLUX_EXAMPLES_FASTCGI_H
#define FLUX_EXAMPLES_FASTCGI_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    FCGI_BEGIN_REQUEST = 1, FCGI_ABORT_REQUEST = 2, FCGI_END_REQUEST = 3, FCGI_PARAMS = 4,
    FCGI_STDIN = 5, FCGI_STDOUT = 6, FCGI_STDERR = 7,
};
#define FCGI_RECORD_MAX 65535   /* the largest content of one record */

typedef struct fcgi_pool {
    char address[128];        /* a Unix socket path, or HOST:PORT */
    int max;                  /* connections at most */
    pthread_mutex_t lock;
    pthread_cond_t freed;
    int *idle;                /* idle connections, most recently used last */
    int nidle, total;
    _Atomic long connects, reuses;
} fcgi_pool;

/* Sets up the pool (no connection is made yet). Returns 0, or -1 when out of memory. */
int fcgi_pool_init(fcgi_pool *p, const char *address, int max);
void fcgi_pool_free(fcgi_pool *p);

/* A connection: an idle one (checked first: one the server closed meanwhile is replaced) or a
 * new one; waits up to timeout_ms while all `max` are in use. Returns the socket, or -1 with
 * errno (ETIMEDOUT: none became free; otherwise why connecting failed). *reused tells whether
 * it served an earlier request. */
int fcgi_acquire(fcgi_pool *p, int timeout_ms, bool *reused);

/* Gives a connection back: kept for the next request when reusable (the last request ended
 * with END_REQUEST and nothing else is pending on it), closed otherwise. */
void fcgi_release(fcgi_pool *p, int fd, bool reusable);

/* The PARAMS of one request, encoded as name-value pairs. */
typedef struct fcgi_params {
    char *data;
    size_t length, cap;
} fcgi_params;

/* Appends one pair (false when out of memory). */
bool fcgi_param(fcgi_params *params, const char *name, size_t nlen, const char *value,
                size_t vlen);
bool fcgi_param_str(fcgi_params *params, const char *name, const char *value);

/* Writes BEGIN_REQUEST (responder, keep the connection) and the PARAMS stream with its empty
 * closing record. Returns 0 or -1 with errno. */
int fcgi_begin(int fd, const fcgi_params *params, int timeout_ms);

/* Writes data as records of one stream (STDIN); length 0 writes the closing empty record.
 * Returns 0 or -1 with errno. */
int fcgi_stream(int fd, int type, const void *data, size_t length, int timeout_ms);

/* Reads records from a connection. */
typedef struct fcgi_reader {
    int fd;
    size_t off, len;
    unsigned char buf[FCGI_RECORD_MAX + 8 + 255 + 8];
} fcgi_reader;

/* The next record: its type and content (valid until the next call), padding skipped.
 * Returns 1, 0 when the server closed the connection, -1 with errno (ETIMEDOUT: nothing for
 * timeout_ms; EPROTO: not a FastCGI record). */
int fcgi_read(fcgi_reader *r, int *type, const char **content, size_t *length, int timeout_ms);

/* Whether the reader holds no unread byte (so the connection can be reused). */
bool fcgi_reader_empty(const fcgi_reader *r);

/* END_REQUEST's content: the application's exit status and the protocol status
 * (0 FCGI_REQUEST_COMPLETE, 1 CANT_MPX_CONN, 2 OVERLOADED, 3 UNKNOWN_ROLE). */
void fcgi_end_request(const char *content, size_t length, uint32_t *app_status,
                      int *protocol_status);

/* The end of the CGI response head in buf[0..len): the length up to and including the empty
 * line (CRLF or LF), or 0 when it has not arrived yet. */
size_t fcgi_head_length(const char *buf, size_t len);

/* Calls line(arg, name, nlen, value, vlen) for every header line of a complete head (as
 * fcgi_head_length measured it); values are trimmed. Returns -1 for a malformed line. */
int fcgi_each_header(const char *head, size_t length,
                     void (*line)(void *arg, const char *name, size_t nlen, const char *value,
                                  size_t vlen),
                     void *arg);

#endif
