/*
 * The C nodes of imageserver.flux: the paper's image server, serving PNGs.
 *
 *     imageserver [--port N] [--host ADDR] [--images DIR] [--cache-mb N] [--level 0-9]
 *                 [--max-connections N] [--idle-timeout-s S] [--request-timeout-s S]
 *                 [--send-timeout-s S]
 *
 * GET /NAME.png?scale=K (K = 1, 2, 4 or 8; default 1) answers the binary PPM (P6, maxval 255)
 * DIR/NAME.ppm reduced K times with a box filter (each output pixel is the rounded mean of a
 * K x K block, clipped at the right and bottom edges), encoded as an 8-bit RGB PNG (filter
 * Sub on every row, zlib at --level). A response carries X-Cache: hit or miss.
 *
 * The cache maps "NAME/K" to the PNG. CheckCache only reads it (constraint cache?, so
 * lookups run in parallel); StoreInCache changes it (constraint cache, alone). Entries are
 * reference-counted with atomics so a flow can finish writing a PNG that was evicted meanwhile;
 * the hit counts that order eviction (least frequently used first) are atomics too. The
 * Listen source, error responses and keep-alive are examples/common/http.c's.
 */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "util.h"

enum { IS_AGAIN = 1, IS_EOF = 2 };

#define MAX_PIXELS (64l << 20)

static int images_fd = -1;
static int level = 6;

static struct {
    png_entry *entries;
    size_t bytes, limit;
} cache = {.limit = 16u << 20};

/* ------------------------------------------------------------------ helpers */

static void png_release(png_entry *e) {
    if (e && atomic_fetch_sub(&e->refs, 1) == 1) {
        free(e->data);
        free(e);
    }
}

/* ------------------------------------------------------------------ nodes */

/* Parses "GET /NAME.png?scale=K HTTP/1.1" and the Connection header. */
static int parse(connection *conn, image_tag *tag) {
    /* Lines end with CRLF or a bare LF (http_head_length's framing); eol: a line's end. */
    const char *p = conn->base.buf + conn->base.off, *end = p + tag->head.length;
    while (p < end && (*p == '\r' || *p == '\n')) p++;  /* empty lines before the request */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return 400;
    const char *eol = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
    const char *sp1 = memchr(p, ' ', (size_t)(eol - p));
    const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1)) : NULL;
    if (!sp2 || eol - sp2 != 9 || memcmp(sp2 + 1, "HTTP/1.", 7) != 0) return 400;
    tag->head.http11 = sp2[8] == '1';
    tag->keep_alive = tag->head.http11;
    for (const char *line = nl + 1; line < end;) {
        const char *next = memchr(line, '\n', (size_t)(end - line));
        if (!next) break;
        if (next - line > 11 && strncasecmp(line, "connection:", 11) == 0) {
            if (memmem(line, (size_t)(next - line), "close", 5)) tag->keep_alive = false;
            else if (memmem(line, (size_t)(next - line), "eep-alive", 9)) tag->keep_alive = true;
        }
        line = next + 1;
    }
    size_t mlen = (size_t)(sp1 - p);
    tag->head.head_only = mlen == 4 && memcmp(p, "HEAD", 4) == 0;
    if (!tag->head.head_only && !(mlen == 3 && memcmp(p, "GET", 3) == 0)) return 405;
    const char *t = sp1 + 1, *tend = sp2;
    const char *query = memchr(t, '?', (size_t)(tend - t));
    const char *path_end = query ? query : tend;
    if (*t != '/' || path_end - t < 6 || memcmp(path_end - 4, ".png", 4) != 0) return 404;
    size_t nlen = (size_t)(path_end - 4 - (t + 1));
    if (nlen == 0 || nlen > IS_NAME_MAX) return 404;
    for (size_t i = 0; i < nlen; i++) {
        char ch = t[1 + i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_'))
            return 404;  /* no '/', no '.': nothing outside the image directory */
    }
    memcpy(tag->name, t + 1, nlen);
    tag->name[nlen] = '\0';
    tag->scale = 1;
    if (query) {
        if (tend - query != 8 || memcmp(query, "?scale=", 7) != 0) return 400;
        tag->scale = query[7] - '0';
        if (tag->scale != 1 && tag->scale != 2 && tag->scale != 4 && tag->scale != 8) return 400;
    }
    snprintf(tag->key, sizeof tag->key, "%s/%d", tag->name, tag->scale);
    return 0;
}

int ReadRequest(ReadRequest_in *in, ReadRequest_out *out) {
    connection *conn = in->conn;
    np_conn *c = &conn->base;
    image_tag *tag = &conn->tag;
    memset(tag, 0, sizeof *tag);
    out->conn = conn;
    out->request = tag;
    ssize_t n = np_read_message(c);
    if (n > 0) {
        tag->head.length = (size_t)n;
        return parse(conn, tag);
    }
    if (n < 0 && errno == EAGAIN) return IS_AGAIN;
    return n < 0 && errno == EMSGSIZE ? 431 : IS_EOF;
}

int CheckCache(CheckCache_in *in, CheckCache_out *out) {
    image_tag *tag = in->request;
    out->conn = in->conn;
    out->request = tag;
    for (png_entry *e = cache.entries; e; e = e->next)
        if (strcmp(e->key, tag->key) == 0) {
            atomic_fetch_add(&e->refs, 1);
            atomic_fetch_add(&e->uses, 1);
            tag->png = e;
            tag->hit = true;
            break;
        }
    return 0;
}

bool TestInCache(image_tag *request) { return request->hit; }

/* Reads one unsigned decimal of a PPM header (skipping whitespace and # comments). */
static int ppm_number(const uint8_t **p, const uint8_t *end) {
    for (;;) {
        while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')) (*p)++;
        if (*p < end && **p == '#') {
            while (*p < end && **p != '\n') (*p)++;
            continue;
        }
        break;
    }
    long v = 0;
    const uint8_t *start = *p;
    while (*p < end && **p >= '0' && **p <= '9' && v < 1000000) v = v * 10 + (*(*p)++ - '0');
    return *p == start ? -1 : (int)v;
}

int ReadInFromDisk(ReadInFromDisk_in *in, ReadInFromDisk_out *out) {
    image_tag *tag = in->request;
    out->conn = in->conn;
    out->request = tag;
    char file[IS_NAME_MAX + 8];
    snprintf(file, sizeof file, "%s.ppm", tag->name);
    int fd = openat(images_fd, file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)(MAX_PIXELS * 3 + 64)) {
        if (fd >= 0) close(fd);
        return 404;
    }
    size_t size = (size_t)st.st_size;
    uint8_t *data = (uint8_t *)http_read_file(fd, size);
    close(fd);
    if (!data) return 404;
    const uint8_t *p = data, *end = data + size;
    int w = -1, h = -1, maxval = -1;
    if (size >= 2 && data[0] == 'P' && data[1] == '6') {
        p += 2;
        w = ppm_number(&p, end);
        h = ppm_number(&p, end);
        maxval = ppm_number(&p, end);
    }
    if (w <= 0 || h <= 0 || maxval != 255 || (long)w * h > MAX_PIXELS || p >= end ||
        (size_t)(end - p - 1) < (size_t)w * (size_t)h * 3) {
        free(data);
        return 404;  /* not an image this server can read */
    }
    image *img = malloc(sizeof *img);
    uint8_t *rgb = malloc((size_t)w * (size_t)h * 3);
    if (!img || !rgb) {
        free(img); free(rgb); free(data);
        return 500;
    }
    memcpy(rgb, p + 1, (size_t)w * (size_t)h * 3);
    free(data);
    *img = (image){w, h, rgb};
    out->raw = img;
    return 0;
}

static void image_free(image *img) {
    if (img) free(img->rgb);
    free(img);
}

int Scale(Scale_in *in, Scale_out *out) {
    image *src = in->raw;
    int k = in->request->scale;
    out->conn = in->conn;
    out->request = in->request;
    if (k == 1) {
        out->scaled = src;
        return 0;
    }
    int w = (src->width + k - 1) / k, h = (src->height + k - 1) / k;
    image *dst = malloc(sizeof *dst);
    uint8_t *rgb = malloc((size_t)w * (size_t)h * 3);
    if (!dst || !rgb) {
        free(dst); free(rgb); image_free(src);
        return 500;
    }
    for (int y = 0; y < h; y++) {
        int y0 = y * k, y1 = y0 + k < src->height ? y0 + k : src->height;
        for (int x = 0; x < w; x++) {
            int x0 = x * k, x1 = x0 + k < src->width ? x0 + k : src->width;
            unsigned sum[3] = {0, 0, 0}, n = (unsigned)((y1 - y0) * (x1 - x0));
            for (int yy = y0; yy < y1; yy++) {
                const uint8_t *px = src->rgb + ((size_t)yy * (size_t)src->width + (size_t)x0) * 3;
                for (int xx = x0; xx < x1; xx++, px += 3) {
                    sum[0] += px[0]; sum[1] += px[1]; sum[2] += px[2];
                }
            }
            uint8_t *o = rgb + ((size_t)y * (size_t)w + (size_t)x) * 3;
            for (int c = 0; c < 3; c++) o[c] = (uint8_t)((sum[c] + n / 2) / n);
        }
    }
    *dst = (image){w, h, rgb};
    image_free(src);
    out->scaled = dst;
    return 0;
}

static uint8_t *put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
    return p + 4;
}

/* Writes one PNG chunk (length, type, data, CRC) at p; returns the end. */
static uint8_t *chunk(uint8_t *p, const char *type, const uint8_t *data, size_t n) {
    p = put32(p, (uint32_t)n);
    memcpy(p, type, 4);
    if (n) memmove(p + 4, data, n);
    uLong crc = crc32(crc32(0, (const Bytef *)type, 4), p + 4, (uInt)n);
    return put32(p + 4 + n, (uint32_t)crc);
}

int Compress(Compress_in *in, Compress_out *out) {
    image *img = in->scaled;
    image_tag *tag = in->request;
    out->conn = in->conn;
    out->request = tag;
    size_t row = (size_t)img->width * 3;
    size_t raw_size = (row + 1) * (size_t)img->height;
    uint8_t *raw = malloc(raw_size);
    uLongf zlen = compressBound((uLong)raw_size);
    png_entry *e = calloc(1, sizeof *e);
    uint8_t *png = malloc(8 + 25 + 12 + zlen + 12);
    if (!raw || !e || !png) {
        free(raw); free(e); free(png); image_free(img);
        return 500;
    }
    for (int y = 0; y < img->height; y++) {  /* filter Sub: each byte minus the pixel left of it */
        const uint8_t *src = img->rgb + (size_t)y * row;
        uint8_t *dst = raw + (size_t)y * (row + 1);
        dst[0] = 1;
        for (size_t i = 0; i < row; i++) dst[1 + i] = (uint8_t)(src[i] - (i >= 3 ? src[i - 3] : 0));
    }
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    memcpy(png, signature, 8);
    uint8_t ihdr[13];
    put32(ihdr, (uint32_t)img->width);
    put32(ihdr + 4, (uint32_t)img->height);
    ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = ihdr[11] = ihdr[12] = 0;  /* 8-bit RGB */
    uint8_t *p = chunk(png + 8, "IHDR", ihdr, sizeof ihdr);
    /* Compress straight into the IDAT chunk's data (8 bytes in). */
    int z = compress2(p + 8, &zlen, raw, (uLong)raw_size, level);
    free(raw);
    image_free(img);
    if (z != Z_OK) {
        free(png); free(e);
        return 500;
    }
    p = chunk(p, "IDAT", p + 8, zlen);
    p = chunk(p, "IEND", NULL, 0);
    e->data = png;
    e->length = (size_t)(p - png);
    atomic_store(&e->refs, 1);  /* this flow's */
    snprintf(e->key, sizeof e->key, "%s", tag->key);
    tag->png = e;
    return 0;
}

int StoreInCache(StoreInCache_in *in, StoreInCache_out *out) {
    image_tag *tag = in->request;
    out->conn = in->conn;
    out->request = tag;
    for (png_entry *e = cache.entries; e; e = e->next)
        if (strcmp(e->key, tag->key) == 0) {  /* another flow rendered it first */
            atomic_fetch_add(&e->refs, 1);
            png_release(tag->png);
            tag->png = e;
            return 0;
        }
    png_entry *mine = tag->png;
    if (mine->length > cache.limit) return 0;
    while (cache.bytes + mine->length > cache.limit && cache.entries) {
        png_entry **victim = &cache.entries;  /* least frequently used */
        for (png_entry **e = &cache.entries; *e; e = &(*e)->next)
            if (atomic_load(&(*e)->uses) < atomic_load(&(*victim)->uses)) victim = e;
        png_entry *gone = *victim;
        *victim = gone->next;
        cache.bytes -= gone->length;
        png_release(gone);
    }
    atomic_fetch_add(&mine->refs, 1);  /* the cache's */
    mine->next = cache.entries;
    cache.entries = mine;
    cache.bytes += mine->length;
    return 0;
}

int Write(Write_in *in, Write_out *out) {
    connection *conn = in->conn;
    image_tag *tag = in->request;
    out->conn = conn;
    out->request = tag;
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nServer: flux\r\nContent-Type: image/png\r\n"
                     "Content-Length: %zu\r\nX-Cache: %s\r\n%s\r\n",
                     tag->png->length, tag->hit ? "hit" : "miss",
                     http_connection_line(&tag->head, tag->keep_alive));
    struct iovec iov[2] = {{head, (size_t)n}, {tag->png->data, tag->png->length}};
    int count = tag->head.head_only ? 1 : 2;
    /* What the socket does not take now, the Listen source sends as it drains: a client that
     * does not read holds no worker (np_send copies the rest, so png may be released). */
    return np_send(&conn->base, iov, count, 0, -1, 0, 0, NULL, NULL) ? IS_EOF : 0;
}

int Complete(Complete_in *in) {
    png_release(in->request->png);
    in->request->png = NULL;
    http_finish(&in->conn->base, &in->request->head, in->request->keep_alive);
    return 0;
}

/* ------------------------------------------------------------------ handlers */

void BadRequest(ReadRequest_in *in, int err) {
    connection *conn = in->conn;
    if (err == IS_AGAIN) np_rearm(&conn->base);
    else if (err == IS_EOF) np_close(&conn->base);
    else http_answer_error(&conn->base, &conn->tag.head, err,
                           (err == 404 || err == 405) && conn->tag.keep_alive);
}

void NotFound(ReadInFromDisk_in *in, int err) {
    http_answer_error(&in->conn->base, &in->request->head, err,
                      err == 404 && in->request->keep_alive);
}

void Drop(Image_in *in, int err) {
    (void)err;
    png_release(in->conn->tag.png);
    in->conn->tag.png = NULL;
    np_close(&in->conn->base);
}

/* ------------------------------------------------------------------ start and stop */

int flux_init(int argc, char **argv) {
    const char *host = "127.0.0.1", *dir = ".", *v;
    int port = 8080, limit;
    np_limits limits = {0};
    for (int i = 0; i < argc; i++) {
        if ((limit = np_limit_option(argc, argv, &i, &limits)) != 0) {
            if (limit < 0) return 2;
        } else if (option(argc, argv, &i, "--port", &v)) port = atoi(v);
        else if (option(argc, argv, &i, "--host", &v)) host = v;
        else if (option(argc, argv, &i, "--images", &v)) dir = v;
        else if (option(argc, argv, &i, "--cache-mb", &v)) cache.limit = (size_t)atol(v) << 20;
        else if (option(argc, argv, &i, "--level", &v)) level = atoi(v);
        else if (i > 0 || argv[i][0] == '-') {
            fprintf(stderr, "imageserver: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    images_fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (images_fd < 0) {
        fprintf(stderr, "imageserver: image directory %s: %s\n", dir, strerror(errno));
        return 1;
    }
    if (http_open(host, port, sizeof(connection), &limits) < 0) {
        fprintf(stderr, "imageserver: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
        return 1;
    }
    printf("listening on http://%s:%d\n", host, http_server.port);
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    np_free_set(&http_server);
    while (cache.entries) {
        png_entry *e = cache.entries;
        cache.entries = e->next;
        png_release(e);
    }
    if (images_fd >= 0) close(images_fd);
    images_fd = -1;
}
