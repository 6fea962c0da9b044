/*
 * The C nodes of webserver.flux: a static-file HTTP/1.1 server with a file cache.
 *
 *     webserver [--port N] [--host ADDR] [--root DIR] [--cache-mb N] [--cache-file-kb N]
 *               [--cache-ttl-ms N] [--sendfile-kb N] [--max-connections N]
 *               [--idle-timeout-s S] [--request-timeout-s S] [--send-timeout-s S]
 *               [--php-fpm ADDRESS] [--php-connections N] [--php-timeout-s S]
 *               [--php-body-max-mb N]
 *
 * Every node is sequential C; the runtime runs many flows at once. Shared state: the poll
 * set (examples/common/netpoll.c, lock-free ownership of connections), the file cache (read
 * only in LookupCache, under the reader constraint file_cache?, and changed only in
 * InsertCache, under the writer constraint file_cache; entries are reference-counted with
 * atomics so a flow can keep writing an entry that was evicted meanwhile), and read-only
 * configuration. A node fails with the HTTP status to answer; the handlers send it (with
 * examples/common/http.c, which also holds the Listen source).
 *
 * Fast path of a cached 1 KiB file on a kept-alive connection: one read(), one writev() of
 * header and body, one epoll_ctl() to hand the connection back (plus a share of one
 * epoll_wait() in Listen). No file system call: the cache revalidates an entry against the
 * disk (fstatat) at most once per --cache-ttl-ms. Files of --sendfile-kb (16) or more are
 * cached as an open descriptor instead of a copy and sent with sendfile() after the header
 * (MSG_MORE, so header and body leave together; no TCP_CORK, whose delayed-ACK interplay
 * puts a 40 ms tail on such responses): no copy of the body through user space. No node
 * waits for a slow reader: what the socket does not take at once, the Listen source sends as
 * it drains (np_send), so a client that never reads holds no worker of any runtime.
 */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "php.h"
#include "util.h"

enum { WS_AGAIN = 1, WS_EOF = 2 };  /* ReadRequest's non-HTTP failures */

static int root_fd = -1;

static struct {
    cache_entry **buckets;
    size_t nbuckets;                  /* a power of two */
    cache_entry *oldest, *newest;
    size_t bytes, limit, max_file, sendfile_min;
    int64_t ttl_ms;
    _Atomic long hits, misses;
} cache = {.limit = 64u << 20, .max_file = 1u << 20, .sendfile_min = 16u << 10, .ttl_ms = 1000};

/* ------------------------------------------------------------------ small helpers */

static const char *content_type(const char *path, size_t n) {
    static const struct { const char *ext, *type; } types[] = {
        {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"}, {".css", "text/css"},
        {".js", "text/javascript"}, {".json", "application/json"},
        {".xml", "application/xml"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
        {".ico", "image/x-icon"}, {".webp", "image/webp"}, {".wasm", "application/wasm"},
        {".pdf", "application/pdf"}, {".gz", "application/gzip"},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        size_t e = strlen(types[i].ext);
        if (n >= e && strncasecmp(path + n - e, types[i].ext, e) == 0) return types[i].type;
    }
    return "application/octet-stream";
}

/* ------------------------------------------------------------------ the cache */

static void entry_release(cache_entry *e) {
    if (e && atomic_fetch_sub(&e->refs, 1) == 1) {
        if (e->fd >= 0) close(e->fd);
        free(e->body);
        free(e->path);
        free(e);
    }
}

static void release_entry(void *e) { entry_release(e); }  /* np_send's release */

static cache_entry *table_find(const char *path, size_t n, uint64_t h) {
    for (cache_entry *e = cache.buckets[h & (cache.nbuckets - 1)]; e; e = e->next)
        if (e->hash == h && strncmp(e->path, path, n) == 0 && e->path[n] == '\0') return e;
    return NULL;
}

/* Takes e out of the table and the eviction list and drops the table's reference. */
static void table_remove(cache_entry *e) {
    cache_entry **link = &cache.buckets[e->hash & (cache.nbuckets - 1)];
    while (*link != e) link = &(*link)->next;
    *link = e->next;
    if (e->older) e->older->newer = e->newer; else cache.oldest = e->newer;
    if (e->newer) e->newer->older = e->older; else cache.newest = e->older;
    cache.bytes -= e->length;
    e->in_cache = false;
    entry_release(e);
}

static void table_insert(cache_entry *e) {
    cache_entry **bucket = &cache.buckets[e->hash & (cache.nbuckets - 1)];
    e->next = *bucket;
    *bucket = e;
    e->older = cache.newest;
    e->newer = NULL;
    if (cache.newest) cache.newest->newer = e; else cache.oldest = e;
    cache.newest = e;
    cache.bytes += e->length;
    e->in_cache = true;
    while (cache.bytes > cache.limit && cache.oldest != e) table_remove(cache.oldest);
}

/* ------------------------------------------------------------------ the nodes */

int ReadRequest(ReadRequest_in *in, ReadRequest_out *out) {
    connection *conn = in->conn;
    np_conn *c = &conn->base;
    http_request *req = &conn->req;
    out->conn = conn;
    out->req = req;
    memset(req, 0, offsetof(http_request, path));
    req->path[0] = '\0';
    ssize_t n = np_read_message(c);
    if (n > 0) {
        req->head.length = (size_t)n;
        return 0;
    }
    if (n < 0 && errno == EAGAIN) return WS_AGAIN;
    if (n < 0 && errno == EMSGSIZE)  /* the head does not fit: is the request line whole? */
        return memmem(c->buf + c->off, c->len - c->off, "\r\n", 2) ? 431 : 414;
    return WS_EOF;
}

static bool is_tchar(unsigned char ch) {
    return isalnum(ch) || (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

static bool has_token(const char *v, size_t n, const char *token) {
    size_t t = strlen(token);
    for (size_t i = 0; i + t <= n; i++)
        if (strncasecmp(v + i, token, t) == 0 &&
            (i == 0 || v[i - 1] == ',' || v[i - 1] == ' ' || v[i - 1] == '\t') &&
            (i + t == n || v[i + t] == ',' || v[i + t] == ' ' || v[i + t] == '\t'))
            return true;
    return false;
}

int ParseRequest(ParseRequest_in *in, ParseRequest_out *out) {
    connection *conn = in->conn;
    http_request *req = in->req;
    out->conn = conn;
    out->req = req;
    /* Lines end with CRLF or a bare LF (as nginx accepts them); [p, end) is the request line
     * and the header lines, each with its line end; the empty line ending the head follows. */
    const char *p = conn->base.buf + conn->base.off;
    const char *end = p + req->head.length - 1;
    if (end > p && end[-1] == '\r') end--;
    while (p < end && (*p == '\n' || (*p == '\r' && p[1] == '\n')))  /* empty lines first */
        p += *p == '\r' ? 2 : 1;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) return 400;
    const char *line_end = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
    req->method = p;
    while (p < line_end && is_tchar((unsigned char)*p)) p++;
    req->method_length = (size_t)(p - req->method);
    if (req->method_length == 0 || p >= line_end || *p++ != ' ') return 400;
    req->target = p;
    while (p < line_end && (unsigned char)*p > ' ' && *p != 0x7f) p++;
    req->target_length = (size_t)(p - req->target);
    if (req->target_length == 0 || p >= line_end || *p++ != ' ') return 400;
    if (line_end - p != 8 || memcmp(p, "HTTP/", 5) != 0 || !isdigit((unsigned char)p[5]) ||
        p[6] != '.' || !isdigit((unsigned char)p[7]))
        return 400;
    if (p[5] != '1') return 505;
    req->head.http11 = p[7] != '0';
    p = eol + 1;

    bool close = false, keep_alive = false, body = false;
    int hosts = 0;
    while (p < end) {
        eol = memchr(p, '\n', (size_t)(end - p));
        line_end = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        const char *name = p;
        while (p < line_end && is_tchar((unsigned char)*p)) p++;
        size_t nlen = (size_t)(p - name);
        if (nlen == 0 || p >= line_end || *p != ':') return 400;  /* also obs-fold and bad names */
        const char *v = p + 1, *vend = line_end;
        while (v < vend && (*v == ' ' || *v == '\t')) v++;
        while (vend > v && (vend[-1] == ' ' || vend[-1] == '\t')) vend--;
        size_t vlen = (size_t)(vend - v);
        for (const char *q = v; q < vend; q++)
            if ((unsigned char)*q < ' ' && *q != '\t') return 400;
        if (nlen == 4 && strncasecmp(name, "host", 4) == 0) {
            hosts++;
        } else if (nlen == 10 && strncasecmp(name, "connection", 10) == 0) {
            close |= has_token(v, vlen, "close");
            keep_alive |= has_token(v, vlen, "keep-alive");
        } else if (nlen == 14 && strncasecmp(name, "content-length", 14) == 0) {
            for (const char *q = v; q < vend; q++)
                if (!isdigit((unsigned char)*q)) return 400;
            body |= vlen == 0 || strspn(v, "0") < vlen;
        } else if (nlen == 17 && strncasecmp(name, "transfer-encoding", 17) == 0) {
            body = true;
        }
        p = eol + 1;
    }
    if (req->head.http11 ? hosts != 1 : hosts > 1) return 400;
    /* A request body is not read: answer, then close rather than parse it as a request. */
    req->keep_alive = !close && !body && (req->head.http11 || keep_alive);
    req->head.body = body;
    req->head.head_only = req->method_length == 4 && memcmp(req->method, "HEAD", 4) == 0;
    req->get_or_head = req->head.head_only ||
                       (req->method_length == 3 && memcmp(req->method, "GET", 3) == 0);
    return 0;
}

int CheckUriLength(CheckUriLength_in *in, CheckUriLength_out *out) {
    out->conn = in->conn;
    out->req = in->req;
    return in->req->target_length > WS_URI_MAX ? 414 : 0;
}

int RejectMethod(RejectMethod_in *in, RejectMethod_out *out) {
    out->conn = in->conn;
    out->req = in->req;
    return 405;
}

static int hexval(int ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    ch |= 0x20;
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

int ResolvePath(ResolvePath_in *in, ResolvePath_out *out) {
    http_request *req = in->req;
    out->conn = in->conn;
    out->req = req;
    const char *t = req->target, *tend = t + req->target_length;
    size_t scheme = tend - t >= 7 && strncasecmp(t, "http://", 7) == 0    ? 7
                    : tend - t >= 8 && strncasecmp(t, "https://", 8) == 0 ? 8
                                                                           : 0;
    if (scheme > 0) {  /* absolute-form (RFC 9112 §3.2.2): drop the scheme and the authority */
        t = memchr(t + scheme, '/', (size_t)(tend - t) - scheme);
        if (!t) t = tend;  /* "http://host" asks for "/" */
    } else if (*t != '/') {
        return 400;
    }
    const char *q = t;
    while (q < tend && *q != '?' && *q != '#') q++;
    tend = q;
    /* Decode %XX, then walk the segments: "." and "" vanish, ".." pops one segment; popping
     * above the document root is refused. */
    char decoded[WS_URI_MAX + 1];
    size_t n = 0;
    for (const char *s = t; s < tend; s++) {
        int ch = (unsigned char)*s;
        if (ch == '%') {
            int hi = s + 2 < tend ? hexval(s[1]) : -1, lo = hi >= 0 ? hexval(s[2]) : -1;
            if (lo < 0) return 400;
            ch = hi * 16 + lo;
            s += 2;
            if (ch == 0) return 400;
        }
        if (n == sizeof decoded - 1) return 414;
        decoded[n++] = (char)ch;
    }
    decoded[n] = '\0';
    size_t len = 0;
    bool directory = true;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && decoded[j] != '/') j++;
        size_t seg = j - i;
        if (seg == 0 || (seg == 1 && decoded[i] == '.')) {
            directory = true;
        } else if (seg == 2 && decoded[i] == '.' && decoded[i + 1] == '.') {
            if (len == 0) return 403;
            len--;  /* drop the '/' ending the last segment, then the segment */
            while (len > 0 && req->path[len - 1] != '/') len--;
            directory = true;
        } else {
            if (len + seg + 1 >= sizeof req->path - 16) return 414;
            memcpy(req->path + len, decoded + i, seg);
            len += seg;
            req->path[len++] = '/';
            directory = j == n ? false : true;
        }
        i = j + 1;
    }
    if (!directory && len > 0) len--;  /* a file: no trailing '/' */
    req->path[len] = '\0';
    req->path_length = len;
    return 0;
}

int AddIndexFile(AddIndexFile_in *in, AddIndexFile_out *out) {
    http_request *req = in->req;
    out->conn = in->conn;
    out->req = req;
    memcpy(req->path + req->path_length, "index.html", sizeof "index.html");
    req->path_length += sizeof "index.html" - 1;
    return 0;
}

int LookupCache(LookupCache_in *in, LookupCache_out *out) {
    http_request *req = in->req;
    out->conn = in->conn;
    out->req = req;
    uint64_t h = fnv1a(req->path, req->path_length);
    cache_entry *e = table_find(req->path, req->path_length, h);
    if (e) {
        int64_t now = np_now_ms();
        if (now - atomic_load(&e->checked_ms) >= cache.ttl_ms) {
            struct stat st;
            if (fstatat(root_fd, req->path, &st, 0) == 0 &&
                (size_t)st.st_size == e->length && st.st_ino == e->ino &&
                st.st_mtim.tv_sec * 1000000000ll + st.st_mtim.tv_nsec == e->mtime)
                atomic_store(&e->checked_ms, now);
            else
                e = NULL;  /* changed on disk: read it again */
        }
    }
    if (e) atomic_fetch_add(&e->refs, 1);
    atomic_fetch_add(e ? &cache.hits : &cache.misses, 1);
    req->cache_hit = e != NULL;
    out->entry = e;
    return 0;
}

static int open_beneath(const char *path) {
    struct open_how how = {.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
    int fd = (int)syscall(SYS_openat2, root_fd, path, &how, sizeof how);
    if (fd < 0 && errno == ENOSYS)  /* kernels before 5.6: the lexical check must do */
        fd = openat(root_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    return fd;
}

int ReadFile(ReadFile_in *in, ReadFile_out *out) {
    http_request *req = in->req;
    out->conn = in->conn;
    out->req = req;
    int fd = open_beneath(req->path);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE || errno == ENOMEM)) return 503;
    if (fd < 0) return errno == EXDEV || errno == ELOOP || errno == EACCES ? 403 : 404;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 404;
    }
    file_data *f = calloc(1, sizeof *f);
    if (!f) { close(fd); return 503; }
    f->fd = fd;
    f->length = (size_t)st.st_size;
    f->mtime = st.st_mtim.tv_sec * 1000000000ll + st.st_mtim.tv_nsec;
    f->ino = st.st_ino;
    if (f->length < cache.sendfile_min && f->length <= cache.max_file) {
        f->body = http_read_file(fd, f->length);
        close(fd);
        f->fd = -1;
        if (!f->body) {
            free(f);
            return 503;
        }
    }
    out->file = f;
    return 0;
}

static cache_entry *entry_from(file_data *f, const char *path, size_t n, uint64_t h) {
    cache_entry *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->path = strndup(path, n);
    e->hash = h;
    e->body = f->body;
    e->fd = f->fd;
    e->length = f->length;
    e->mtime = f->mtime;
    e->ino = f->ino;
    atomic_store(&e->checked_ms, np_now_ms());
    time_t secs = (time_t)(f->mtime / 1000000000ll);
    struct tm tm;
    gmtime_r(&secs, &tm);
    char modified[40];
    strftime(modified, sizeof modified, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    e->header_length = (size_t)snprintf(e->header, sizeof e->header,
                                        "Content-Type: %s\r\nContent-Length: %zu\r\n"
                                        "Last-Modified: %s\r\n",
                                        content_type(path, n), f->length, modified);
    return e;
}

int InsertCache(InsertCache_in *in, InsertCache_out *out) {
    http_request *req = in->req;
    file_data *f = in->file;
    out->conn = in->conn;
    out->req = req;
    uint64_t h = fnv1a(req->path, req->path_length);
    cache_entry *old = table_find(req->path, req->path_length, h);
    if (old && old->mtime == f->mtime && old->ino == f->ino && old->length == f->length) {
        /* Another flow inserted this version first: serve that one. */
        atomic_store(&old->checked_ms, np_now_ms());
        atomic_fetch_add(&old->refs, 1);
        if (f->fd >= 0) close(f->fd);
        free(f->body);
        free(f);
        out->entry = old;
        return 0;
    }
    if (old) table_remove(old);  /* an older version */
    cache_entry *e = entry_from(f, req->path, req->path_length, h);
    if (!e) {
        if (f->fd >= 0) close(f->fd);
        free(f->body);
        free(f);
        return 503;
    }
    free(f);
    if (e->length > cache.max_file || e->length > cache.limit) {
        atomic_store(&e->refs, 1);  /* too large to cache: served once, then released */
    } else {
        atomic_store(&e->refs, 2);  /* the cache's reference and this flow's */
        table_insert(e);
    }
    out->entry = e;
    return 0;
}

int WriteResponse(WriteResponse_in *in, WriteResponse_out *out) {
    connection *conn = in->conn;
    http_request *req = in->req;
    cache_entry *e = in->entry;
    out->conn = conn;
    out->req = req;
    static const char status[] = "HTTP/1.1 200 OK\r\nServer: flux\r\n";
    static const char hit[] = "X-Cache: hit\r\n", miss[] = "X-Cache: miss\r\n";
    const char *connection_line = http_connection_line(&req->head, req->keep_alive);
    size_t dlen;
    const char *date = http_date_line(&dlen);
    struct iovec iov[7] = {
        {(void *)status, sizeof status - 1},
        {(void *)date, dlen},
        {e->header, e->header_length},
        {(void *)(req->cache_hit ? hit : miss), req->cache_hit ? sizeof hit - 1 : sizeof miss - 1},
        {(void *)connection_line, strlen(connection_line)},
        {(void *)"\r\n", 2},
        {e->body, e->length},
    };
    bool body = !req->head.head_only && e->length > 0;
    /* Never waits for a slow reader: what the socket does not take now, the Listen source
     * sends as it drains (np_send), and the entry is released once it is out. A small file
     * goes in one writev with the header; a large one as header (MSG_MORE), then sendfile. */
    bool in_memory = !body || e->body;
    int failed = np_send(&conn->base, iov, in_memory && body ? 7 : 6, 0,
                         in_memory ? -1 : e->fd, 0, in_memory ? 0 : e->length,
                         release_entry, e);
    return failed ? WS_EOF : 0;
}

int Recycle(Recycle_in *in) {
    http_finish(&in->conn->base, &in->req->head, true);
    return 0;
}

int Close(Close_in *in) {
    http_finish(&in->conn->base, &in->req->head, false);
    return 0;
}

/* ------------------------------------------------------------------ predicates */

bool IsGetOrHead(http_request *req) { return req->get_or_head; }

bool IsDirectory(http_request *req) {
    return req->path_length == 0 || req->path[req->path_length - 1] == '/';
}

bool IsCached(cache_entry *entry) { return entry != NULL; }

bool IsKeepAlive(http_request *req) { return req->keep_alive; }

/* ------------------------------------------------------------------ error handlers */

void ReadFailed(ReadRequest_in *in, int err) {
    connection *conn = in->conn;
    if (err == WS_AGAIN) np_rearm(&conn->base);  /* the rest of the head is to come */
    else if (err == WS_EOF) np_close(&conn->base);
    else http_answer_error(&conn->base, &conn->req.head, err, false);  /* 414, 431 */
}

void BadRequest(ParseRequest_in *in, int err) {
    http_answer_error(&in->conn->base, &in->req->head, err, false);
}

void UriTooLong(CheckUriLength_in *in, int err) {
    http_answer_error(&in->conn->base, &in->req->head, err, false);
}

void MethodNotAllowed(RejectMethod_in *in, int err) {
    http_answer_error(&in->conn->base, &in->req->head, err, in->req->keep_alive);
}

void Forbidden(ResolvePath_in *in, int err) {
    http_answer_error(&in->conn->base, &in->req->head, err, err == 403 && in->req->keep_alive);
}

void NotFound(ReadFile_in *in, int err) {
    http_answer_error(&in->conn->base, &in->req->head, err, err < 500 && in->req->keep_alive);
}

void CloseConnection(Request_in *in, int err) {
    (void)err;
    np_close(&in->conn->base);
}

/* ------------------------------------------------------------------ start and stop */

int flux_init(int argc, char **argv) {
    const char *host = "127.0.0.1", *root = ".", *v;
    int port = 8080, limit;
    np_limits limits = {0};
    for (int i = 0; i < argc; i++) {
        if ((limit = np_limit_option(argc, argv, &i, &limits)) != 0 ||
            (limit = php_option(argc, argv, &i)) != 0) {
            if (limit < 0) return 2;
        } else if (option(argc, argv, &i, "--port", &v)) port = atoi(v);
        else if (option(argc, argv, &i, "--host", &v)) host = v;
        else if (option(argc, argv, &i, "--root", &v)) root = v;
        else if (option(argc, argv, &i, "--cache-mb", &v)) cache.limit = (size_t)atol(v) << 20;
        else if (option(argc, argv, &i, "--cache-file-kb", &v)) cache.max_file = (size_t)atol(v) << 10;
        else if (option(argc, argv, &i, "--cache-ttl-ms", &v)) cache.ttl_ms = atol(v);
        else if (option(argc, argv, &i, "--sendfile-kb", &v)) cache.sendfile_min = (size_t)atol(v) << 10;
        else if (i > 0 || argv[i][0] == '-') {
            fprintf(stderr, "webserver: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root_fd < 0) {
        fprintf(stderr, "webserver: document root %s: %s\n", root, strerror(errno));
        return 1;
    }
    if (php_init(root) < 0) return 1;
    cache.nbuckets = 4096;
    cache.buckets = calloc(cache.nbuckets, sizeof *cache.buckets);
    if (!cache.buckets ||
        np_open(&http_server, host, port, sizeof(connection), HTTP_HEAD_MAX, http_head_length,
                flux_stopping) < 0) {
        fprintf(stderr, "webserver: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
        return 1;
    }
    np_limits_apply(&http_server, &limits);
    printf("listening on http://%s:%d\n", host, http_server.port);
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    np_free(&http_server);
    php_shutdown();
    while (cache.oldest) table_remove(cache.oldest);
    free(cache.buckets);
    cache.buckets = NULL;
    if (root_fd >= 0) close(root_fd);
    root_fd = -1;
}
