/*
 * The PHP nodes of webserver.flux: a request for an existing .php file beneath the document
 * root is run by a php-fpm pool over FastCGI (fastcgi.c), as nginx's fastcgi_pass does.
 *
 *     CheckScript -> SendToPhp -> RelayPhp
 *
 * CheckScript refuses, before PHP sees anything, a script that does not exist (404: so
 * "/upload.jpg/x.php" never runs upload.jpg, the cgi.fix_pathinfo hole) or that escapes the
 * document root (403). SendToPhp takes a connection from the bounded pool, sends the CGI
 * variables and streams the request body (read from the client as it arrives) as STDIN.
 * RelayPhp reads STDOUT, parses the script's head (Status: and the other headers), logs
 * STDERR on the server's stderr, and answers: a response that fits in PHP_BUFFER is sent
 * whole with a Content-Length, a larger one is streamed as it comes (chunked, or delimited by
 * the close for HTTP/1.0). php-fpm unreachable or gone before the head: 502; no answer for
 * --php-timeout-s: 504.
 *
 * SendToPhp and RelayPhp block on the php-fpm socket (and the client's, for the body and a
 * streamed answer): the thread and pool runtimes give the flow's thread to it, the event
 * runtime notices the blocked node and hands its queue to a spare thread (docs/language.md,
 * "Blocking nodes").
 */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fastcgi.h"
#include "php.h"
#include "util.h"

#define PHP_BUFFER (256u << 10)   /* an answer this large or smaller is sent whole */
#define PHP_HEAD_MAX (16u << 10)  /* the script's head must fit in this */

enum { PHP_CLOSE = 2 };           /* fail: the client went away, or the answer was cut short */

static struct {
    bool enabled;
    fcgi_pool pool;
    int connections, timeout_ms;
    long long body_max;
    int root_fd;
    char root[PATH_MAX];          /* the document root, absolute */
} php = {.connections = 8, .timeout_ms = 60000, .body_max = 8ll << 20, .root_fd = -1};

struct php_call {
    int fd;                       /* the php-fpm connection */
    bool reused;
    fcgi_reader reader;
};

/* ------------------------------------------------------------------ options */

int php_option(int argc, char **argv, int *i) {
    const char *v;
    if (option(argc, argv, i, "--php-fpm", &v)) {
        if (strlen(v) >= sizeof php.pool.address) {
            fprintf(stderr, "webserver: --php-fpm %s: address too long\n", v);
            return -1;
        }
        php.enabled = true;
        snprintf(php.pool.address, sizeof php.pool.address, "%s", v);
    } else if (option(argc, argv, i, "--php-connections", &v)) {
        php.connections = atoi(v);
        if (php.connections < 1) {
            fprintf(stderr, "webserver: --php-connections %s: need at least 1\n", v);
            return -1;
        }
    } else if (option(argc, argv, i, "--php-timeout-s", &v)) {
        php.timeout_ms = (int)(atof(v) * 1000);
        if (php.timeout_ms < 1) {
            fprintf(stderr, "webserver: --php-timeout-s %s: need a positive number\n", v);
            return -1;
        }
    } else if (option(argc, argv, i, "--php-body-max-mb", &v)) {
        php.body_max = (long long)(atof(v) * 1048576);
    } else {
        return 0;
    }
    return 1;
}

int php_init(const char *root) {
    if (!php.enabled) return 0;
    if (!realpath(root, php.root)) {
        fprintf(stderr, "webserver: document root %s: %s\n", root, strerror(errno));
        return -1;
    }
    php.root_fd = open(php.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    char address[sizeof php.pool.address];
    memcpy(address, php.pool.address, sizeof address);
    if (php.root_fd < 0 || fcgi_pool_init(&php.pool, address, php.connections) < 0) {
        fprintf(stderr, "webserver: PHP: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

void php_shutdown(void) {
    if (!php.enabled) return;
    fcgi_pool_free(&php.pool);
    if (php.root_fd >= 0) close(php.root_fd);
    php.root_fd = -1;
}

bool IsPhp(http_request *req) {
    return php.enabled && req->path_length >= 4 &&
           memcmp(req->path + req->path_length - 4, ".php", 4) == 0;
}

/* ------------------------------------------------------------------ CheckScript */

int CheckScript(CheckScript_in *in, CheckScript_out *out) {
    http_request *req = in->req;
    out->conn = in->conn;
    out->req = req;
    /* The whole decoded path must name a regular file beneath the root: no PATH_INFO split,
     * so "/upload.jpg/x.php" fails here (ENOTDIR) and php-fpm never guesses a script. */
    struct open_how how = {.flags = O_PATH | O_CLOEXEC,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
    int fd = (int)syscall(SYS_openat2, php.root_fd, req->path, &how, sizeof how);
    if (fd < 0 && errno == ENOSYS) fd = openat(php.root_fd, req->path, O_PATH | O_CLOEXEC);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE || errno == ENOMEM)) return 503;
    if (fd < 0) return errno == EXDEV || errno == ELOOP || errno == EACCES ? 403 : 404;
    struct stat st;
    int failed = fstat(fd, &st) < 0 || !S_ISREG(st.st_mode);
    close(fd);
    return failed ? 404 : 0;
}

/* ------------------------------------------------------------------ SendToPhp */

/* What the request head says beyond ParseRequest's fields, and its HTTP_* variables. */
typedef struct head_scan {
    fcgi_params *params;
    bool ok, chunked, close, keep_alive, expect_continue;
    long long content_length;     /* -1: none */
    const char *content_type;
    size_t content_type_length;
    const char *host;
    size_t host_length;
} head_scan;

static void scan_header(void *arg, const char *name, size_t nlen, const char *v, size_t vlen) {
    head_scan *s = arg;
    if (nlen == 14 && strncasecmp(name, "content-length", 14) == 0) {
        s->content_length = 0;
        for (size_t i = 0; i < vlen && s->content_length < (1ll << 50); i++)
            s->content_length = s->content_length * 10 + (v[i] - '0');
        return;   /* CONTENT_LENGTH, not HTTP_CONTENT_LENGTH */
    }
    if (nlen == 12 && strncasecmp(name, "content-type", 12) == 0) {
        s->content_type = v;
        s->content_type_length = vlen;
        return;
    }
    if (nlen == 17 && strncasecmp(name, "transfer-encoding", 17) == 0) s->chunked = true;
    if (nlen == 6 && strncasecmp(name, "expect", 6) == 0 && vlen == 12 &&
        strncasecmp(v, "100-continue", 12) == 0)
        s->expect_continue = true;
    if (nlen == 4 && strncasecmp(name, "host", 4) == 0) {
        s->host = v;
        s->host_length = vlen;
    }
    if (nlen == 10 && strncasecmp(name, "connection", 10) == 0) {
        for (size_t i = 0; i + 5 <= vlen; i++) s->close |= strncasecmp(v + i, "close", 5) == 0;
        for (size_t i = 0; i + 10 <= vlen; i++)
            s->keep_alive |= strncasecmp(v + i, "keep-alive", 10) == 0;
    }
    /* Not passed, as nginx does not: names with '_' (they would alias a '-' name) and Proxy
     * (HTTP_PROXY would set the script's outgoing proxy: "httpoxy"). */
    if (memchr(name, '_', nlen) || (nlen == 5 && strncasecmp(name, "proxy", 5) == 0)) return;
    char var[5 + 256];
    if (nlen > 256) return;
    memcpy(var, "HTTP_", 5);
    for (size_t i = 0; i < nlen; i++)
        var[5 + i] = name[i] == '-' ? '_' : (char)(name[i] >= 'a' && name[i] <= 'z'
                                                       ? name[i] - 32 : name[i]);
    s->ok &= fcgi_param(s->params, var, 5 + nlen, v, vlen);
}

static void address_of(int fd, bool peer, char *addr, size_t cap, char *port) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    snprintf(addr, cap, "127.0.0.1");
    snprintf(port, 8, "0");
    if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
              : getsockname(fd, (struct sockaddr *)&ss, &len)) < 0)
        return;
    if (ss.ss_family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        inet_ntop(AF_INET, &a->sin_addr, addr, (socklen_t)cap);
        snprintf(port, 8, "%u", ntohs(a->sin_port));
    } else if (ss.ss_family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        inet_ntop(AF_INET6, &a->sin6_addr, addr, (socklen_t)cap);
        snprintf(port, 8, "%u", ntohs(a->sin6_port));
    }
}

/* The CGI/1.1 variables of the request (RFC 3875 §4.1) and its HTTP_* headers. */
static bool build_params(connection *conn, http_request *req, fcgi_params *params,
                         head_scan *scan) {
    const char *head = conn->base.buf + conn->base.off;
    size_t hlen = req->head.length;
    /* Skip empty lines and the request line; the headers follow. */
    const char *line = req->target + req->target_length;
    const char *eol = memchr(line, '\n', (size_t)(head + hlen - line));
    if (!eol) return false;
    scan->params = params;
    scan->ok = true;
    scan->content_length = -1;
    if (fcgi_each_header(eol + 1, (size_t)(head + hlen - eol - 1), scan_header, scan) < 0)
        return false;

    const char *t = req->target, *tend = t + req->target_length;
    const char *query = memchr(t, '?', req->target_length);
    const char *fragment = memchr(t, '#', req->target_length);
    if (fragment) tend = fragment;
    if (query && query > tend) query = NULL;
    char script_name[PATH_MAX + 1], filename[2 * PATH_MAX + 2];
    snprintf(script_name, sizeof script_name, "/%s", req->path);
    snprintf(filename, sizeof filename, "%s/%s", php.root, req->path);
    char server_addr[64], server_port[8], remote_addr[64], remote_port[8], length[24];
    address_of(conn->base.fd, false, server_addr, sizeof server_addr, server_port);
    address_of(conn->base.fd, true, remote_addr, sizeof remote_addr, remote_port);
    size_t name_length = scan->host_length;   /* SERVER_NAME: Host without the port */
    while (name_length > 0 && scan->host[name_length - 1] != ':' &&
           scan->host[name_length - 1] != ']')
        name_length--;
    if (name_length == 0 || scan->host[name_length - 1] == ']') name_length = scan->host_length;
    else name_length--;

    bool ok = scan->ok;
    ok &= fcgi_param_str(params, "GATEWAY_INTERFACE", "CGI/1.1");
    ok &= fcgi_param_str(params, "SERVER_SOFTWARE", "flux");
    ok &= fcgi_param_str(params, "SERVER_PROTOCOL", req->head.http11 ? "HTTP/1.1" : "HTTP/1.0");
    ok &= name_length > 0 ? fcgi_param(params, "SERVER_NAME", 11, scan->host, name_length)
                          : fcgi_param_str(params, "SERVER_NAME", server_addr);
    ok &= fcgi_param_str(params, "SERVER_ADDR", server_addr);
    ok &= fcgi_param_str(params, "SERVER_PORT", server_port);
    ok &= fcgi_param_str(params, "REMOTE_ADDR", remote_addr);
    ok &= fcgi_param_str(params, "REMOTE_PORT", remote_port);
    ok &= fcgi_param(params, "REQUEST_METHOD", 14, req->method, req->method_length);
    ok &= fcgi_param(params, "REQUEST_URI", 11, req->target, (size_t)(tend - req->target));
    ok &= fcgi_param(params, "QUERY_STRING", 12, query ? query + 1 : "",
                     query ? (size_t)(tend - query - 1) : 0);
    ok &= fcgi_param_str(params, "DOCUMENT_ROOT", php.root);
    ok &= fcgi_param_str(params, "SCRIPT_FILENAME", filename);
    ok &= fcgi_param_str(params, "SCRIPT_NAME", script_name);
    ok &= fcgi_param_str(params, "DOCUMENT_URI", script_name);
    ok &= fcgi_param_str(params, "REDIRECT_STATUS", "200");   /* php-cgi's force_redirect */
    if (scan->content_length >= 0) {
        snprintf(length, sizeof length, "%lld", scan->content_length);
        ok &= fcgi_param_str(params, "CONTENT_LENGTH", length);
    }
    if (scan->content_type)
        ok &= fcgi_param(params, "CONTENT_TYPE", 12, scan->content_type,
                         scan->content_type_length);
    return ok;
}

/* Reads up to cap bytes of the request body from the client, waiting up to timeout_ms.
 * Returns the count, 0 when the client closed, -1 with errno (ETIMEDOUT). */
static ssize_t read_body(int fd, char *buf, size_t cap, int timeout_ms) {
    for (;;) {
        ssize_t n = read(fd, buf, cap);
        if (n >= 0) return n;
        if (errno == EINTR) continue;
        if (errno != EAGAIN) return 0;
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int ready = poll(&pfd, 1, timeout_ms);
        if (ready == 0) { errno = ETIMEDOUT; return -1; }
        if (ready < 0 && errno != EINTR) return 0;
    }
}

/* Streams the request body as STDIN: first what the connection's buffer holds after the head
 * (consumed with the head), then what the socket brings. 0, or the status to fail with. */
static int send_body(connection *conn, http_request *req, int fd, long long length,
                     bool expect_continue) {
    np_conn *c = &conn->base;
    size_t buffered = c->len - (c->off + req->head.length);
    size_t take = (long long)buffered < length ? buffered : (size_t)length;
    if (take > 0 &&
        fcgi_stream(fd, FCGI_STDIN, c->buf + c->off + req->head.length, take, php.timeout_ms) < 0)
        return errno == ETIMEDOUT ? 504 : 502;
    req->head.length += take;   /* consumed with the head when the connection is kept */
    long long left = length - (long long)take;
    if (left > 0) {
        int wait_ms = c->np->request_ms > 0 ? c->np->request_ms : 10000;
        /* A client that asked (curl does for bodies over 1 KiB) waits for this first. */
        static const char go_on[] = "HTTP/1.1 100 Continue\r\n\r\n";
        if (expect_continue && req->head.http11 &&
            np_write(c, go_on, sizeof go_on - 1, c->np->send_ms) < 0)
            return PHP_CLOSE;
        char *chunk = malloc(64u << 10);
        if (!chunk) return 503;
        int status = 0;
        while (left > 0 && status == 0) {
            ssize_t n = read_body(c->fd, chunk, left < (64 << 10) ? (size_t)left : 64u << 10,
                                  wait_ms);
            if (n < 0) status = 408;
            else if (n == 0) status = PHP_CLOSE;
            else if (fcgi_stream(fd, FCGI_STDIN, chunk, (size_t)n, php.timeout_ms) < 0)
                status = errno == ETIMEDOUT ? 504 : 502;
            else left -= n;
        }
        free(chunk);
        if (status) return status;
    }
    return fcgi_stream(fd, FCGI_STDIN, NULL, 0, php.timeout_ms) < 0
               ? (errno == ETIMEDOUT ? 504 : 502) : 0;
}

int SendToPhp(SendToPhp_in *in, SendToPhp_out *out) {
    connection *conn = in->conn;
    http_request *req = in->req;
    out->conn = conn;
    out->req = req;
    fcgi_params params = {0};
    head_scan scan = {0};
    if (!build_params(conn, req, &params, &scan)) {
        free(params.data);
        return 503;
    }
    if (scan.chunked) { free(params.data); return 411; }   /* a body without a length */
    if (scan.content_length > php.body_max) { free(params.data); return 413; }
    php_call *call = calloc(1, sizeof *call);
    if (!call) { free(params.data); return 503; }
    int status = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        call->fd = fcgi_acquire(&php.pool, php.timeout_ms, &call->reused);
        if (call->fd < 0) {
            if (errno != ETIMEDOUT)
                fprintf(stderr, "webserver: php-fpm %s: %s\n", php.pool.address,
                        strerror(errno));
            status = errno == ETIMEDOUT ? 504 : 502;
            break;
        }
        if (fcgi_begin(call->fd, &params, php.timeout_ms) == 0) break;
        status = errno == ETIMEDOUT ? 504 : 502;
        bool retry = call->reused && status == 502;   /* closed by php-fpm meanwhile */
        fcgi_release(&php.pool, call->fd, false);
        call->fd = -1;
        if (!retry) break;
        status = 0;
    }
    free(params.data);
    if (status == 0 && call->fd >= 0) {
        status = send_body(conn, req, call->fd, scan.content_length > 0 ? scan.content_length : 0,
                           scan.expect_continue);
        if (status) fcgi_release(&php.pool, call->fd, false);
    }
    if (status) {
        free(call);
        return status;
    }
    /* The body is read whole: the connection may be kept, as the client asked. */
    req->head.body = false;
    req->keep_alive = !scan.close && (req->head.http11 || scan.keep_alive);
    call->reader.fd = call->fd;
    out->call = call;
    return 0;
}

/* ------------------------------------------------------------------ RelayPhp */

typedef struct answer {
    char head[PHP_HEAD_MAX + 1024];
    size_t head_length;
    int status;
    bool has_status, has_location;
} answer;

static bool hop_by_hop(const char *name, size_t n) {
    static const char *const names[] = {"connection", "keep-alive", "transfer-encoding",
                                        "content-length", "status"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0) return true;
    return false;
}

static void copy_header(void *arg, const char *name, size_t nlen, const char *v, size_t vlen) {
    answer *a = arg;
    if (nlen == 6 && strncasecmp(name, "status", 6) == 0) {
        int status = atoi(v);
        if (status >= 100 && status <= 999) {
            a->status = status;
            a->has_status = true;
        }
    }
    if (nlen == 8 && strncasecmp(name, "location", 8) == 0) a->has_location = true;
    if (hop_by_hop(name, nlen) || a->head_length + nlen + vlen + 4 > PHP_HEAD_MAX) return;
    a->head_length += (size_t)snprintf(a->head + a->head_length,
                                       sizeof a->head - a->head_length, "%.*s: %.*s\r\n",
                                       (int)nlen, name, (int)vlen, v);
}

static const char *reason_of(int status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

/* The response head (status line, the script's headers, the framing); false if malformed. */
static bool make_head(answer *a, const char *script_head, size_t length, http_request *req,
                      const char *framing) {
    char headers[sizeof a->head];
    a->head_length = 0;
    a->status = 200;
    if (fcgi_each_header(script_head, length, copy_header, a) < 0) return false;
    if (!a->has_status && a->has_location) a->status = 302;
    memcpy(headers, a->head, a->head_length);
    size_t hlen = a->head_length, dlen;
    const char *date = http_date_line(&dlen);
    a->head_length = (size_t)snprintf(a->head, sizeof a->head,
                                      "HTTP/1.1 %d %s\r\nServer: flux\r\n%.*s%.*s%s%s\r\n",
                                      a->status, reason_of(a->status), (int)dlen, date,
                                      (int)hlen, headers, framing,
                                      http_connection_line(&req->head, req->keep_alive));
    return a->head_length < sizeof a->head;
}

/* Sends the iovecs to the client now, waiting while its socket is full (a streamed answer). */
static int send_now(connection *conn, struct iovec *iov, int count) {
    return np_sendv(&conn->base, iov, count, 0, conn->base.np->send_ms);
}

static int send_chunk(connection *conn, bool chunked, const char *data, size_t length) {
    char size[24];
    int n = snprintf(size, sizeof size, "%zx\r\n", length);
    struct iovec iov[3] = {{size, (size_t)n}, {(void *)data, length}, {(void *)"\r\n", 2}};
    if (length == 0) return 0;
    return chunked ? send_now(conn, iov, 3) : send_now(conn, iov + 1, 1);
}

int RelayPhp(RelayPhp_in *in, RelayPhp_out *out) {
    connection *conn = in->conn;
    http_request *req = in->req;
    php_call *call = in->call;
    out->conn = conn;
    out->req = req;
    /* out: the script's output not yet sent (the head, then the body while it fits). */
    char *buf = NULL;
    size_t len = 0, cap = 0, head_end = 0;
    bool ended = false, streaming = false, chunked = false, reusable = false;
    bool no_body = req->head.head_only;
    answer *a = malloc(sizeof *a);
    int status = a ? 0 : 503;
    while (status == 0 && !ended) {
        int type;
        const char *data;
        size_t n;
        int got = fcgi_read(&call->reader, &type, &data, &n, php.timeout_ms);
        if (got <= 0) {
            if (got < 0 && errno == ETIMEDOUT) {
                fprintf(stderr, "webserver: php /%s: no answer from php-fpm in %d ms\n",
                        req->path, php.timeout_ms);
                status = 504;
            } else {
                fprintf(stderr, "webserver: php /%s: php-fpm closed the connection%s\n",
                        req->path, got < 0 ? " (protocol error)" : "");
                status = 502;
            }
            break;
        }
        if (type == FCGI_STDERR) {
            while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r')) n--;
            if (n > 0) fprintf(stderr, "webserver: php /%s: %.*s\n", req->path, (int)n, data);
            continue;
        }
        if (type == FCGI_END_REQUEST) {
            uint32_t app;
            int protocol;
            fcgi_end_request(data, n, &app, &protocol);
            ended = true;
            reusable = protocol == 0 && fcgi_reader_empty(&call->reader);
            if (protocol != 0 && head_end == 0) status = protocol == 2 ? 503 : 502;
            break;
        }
        if (type != FCGI_STDOUT || n == 0) continue;
        if (head_end > 0 && no_body) continue;   /* HEAD: no body is sent */
        if (streaming) {
            if (send_chunk(conn, chunked, data, n) < 0) status = PHP_CLOSE;
            continue;
        }
        if (len + n > cap) {
            size_t grown = cap ? cap * 2 : 16384;
            while (grown < len + n) grown *= 2;
            char *bigger = realloc(buf, grown);
            if (!bigger) { status = 503; break; }
            buf = bigger;
            cap = grown;
        }
        memcpy(buf + len, data, n);
        len += n;
        if (head_end == 0) {
            head_end = fcgi_head_length(buf, len);
            if (head_end == 0 && len > PHP_HEAD_MAX) {
                fprintf(stderr, "webserver: php /%s: the script's head is too large\n",
                        req->path);
                status = 502;
            }
            if (head_end > 0 && no_body) len = head_end;
        }
        if (status == 0 && head_end > 0 && !no_body && len - head_end > PHP_BUFFER) {
            /* Too large to hold: send the head and what came so far, then the rest as it
             * arrives. HTTP/1.1: chunked; HTTP/1.0: the end is the connection's close. */
            chunked = req->head.http11;
            if (!chunked) req->keep_alive = false;
            if (!make_head(a, buf, head_end, req,
                           chunked ? "Transfer-Encoding: chunked\r\n" : "")) {
                status = 502;
                break;
            }
            struct iovec iov = {a->head, a->head_length};
            streaming = true;
            if (send_now(conn, &iov, 1) < 0 ||
                send_chunk(conn, chunked, buf + head_end, len - head_end) < 0)
                status = PHP_CLOSE;
            len = head_end;
        }
    }
    fcgi_release(&php.pool, call->fd, ended && reusable && status == 0);
    free(call);
    if (status == 0 && head_end == 0) {
        fprintf(stderr, "webserver: php /%s: the script's output has no head\n", req->path);
        status = 502;
    }
    if (status == 0 && streaming) {
        if (chunked && send_now(conn, (struct iovec[]){{(void *)"0\r\n\r\n", 5}}, 1) < 0)
            status = PHP_CLOSE;
    } else if (status == 0) {
        /* Whole: one send with a Content-Length, never waiting for a slow reader. */
        char framing[48] = "";
        size_t length = len - head_end;
        if (!make_head(a, buf, head_end, req, "")) {
            status = 502;
        } else {
            bool bodyless = a->status == 204 || a->status == 304 || a->status < 200;
            /* HEAD: php-fpm sends no body, so the length GET would have is unknown. */
            if (!bodyless && !no_body)
                snprintf(framing, sizeof framing, "Content-Length: %zu\r\n", length);
            make_head(a, buf, head_end, req, framing);
            struct iovec iov[2] = {{a->head, a->head_length}, {buf + head_end, len - head_end}};
            if (np_send(&conn->base, iov, no_body || bodyless ? 1 : 2, 0, -1, 0, 0, NULL,
                        NULL) < 0)
                status = PHP_CLOSE;
        }
    }
    if (status != 0 && streaming) status = PHP_CLOSE;   /* the answer was cut short */
    free(buf);
    free(a);
    return status;
}

/* ------------------------------------------------------------------ error handlers */

void ScriptRefused(CheckScript_in *in, int err) {
    http_answer_error(&in->conn->base, &in->req->head, err, err < 500 && in->req->keep_alive);
}

void PhpUnavailable(SendToPhp_in *in, int err) {
    if (err == PHP_CLOSE) np_close(&in->conn->base);
    else http_answer_error(&in->conn->base, &in->req->head, err, false);
}

void PhpFailed(RelayPhp_in *in, int err) {
    if (err == PHP_CLOSE) np_close(&in->conn->base);
    else http_answer_error(&in->conn->base, &in->req->head, err, in->req->keep_alive);
}
