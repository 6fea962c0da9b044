/* The user types of webserver.flux (included by the generated flux_nodes.h). */
#ifndef WEBSERVER_H
#define WEBSERVER_H

#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "http.h"

#define WS_URI_MAX 2048   /* longest request-target served (else 414) */

/* A cached file (or, for a file too large to cache, an open descriptor sent with sendfile).
 * Reference-counted: the cache holds one reference, every flow serving it holds one. */
typedef struct cache_entry {
    _Atomic int refs;
    bool in_cache;
    struct cache_entry *next;            /* hash chain */
    struct cache_entry *older, *newer;   /* insertion order, for eviction */
    uint64_t hash;
    char *path;                          /* the key: path under the document root */
    char *body;                          /* the contents, or NULL when fd is used */
    int fd;
    size_t length;
    time_t mtime;
    ino_t ino;
    _Atomic int64_t checked_ms;          /* when the file was last compared with the disk */
    size_t header_length;
    char header[320];                    /* Content-Type ... Last-Modified lines */
} cache_entry;

/* A file just read from disk, on its way into the cache. */
typedef struct file_data {
    char *body;
    int fd;
    size_t length;
    time_t mtime;
    ino_t ino;
} file_data;

/* The request being served on a connection (lives in the connection). */
typedef struct http_request {
    http_head head;           /* its length in the connection's buffer, version, HEAD, body */
    const char *method;       /* points into the connection's buffer */
    size_t method_length;
    const char *target;
    size_t target_length;
    bool get_or_head, keep_alive, cache_hit;
    size_t path_length;
    char path[PATH_MAX];      /* decoded, normalised, relative to the document root */
} http_request;

/* One FastCGI exchange with php-fpm, from SendToPhp to RelayPhp (php.c). */
typedef struct php_call php_call;

/* A client connection: netpoll's part first. */
typedef struct connection {
    np_conn base;
    http_request req;
} connection;

#endif
