/*
 * The C nodes of bittorrent.flux: a BitTorrent peer (BEP 3, compact tracker lists BEP 23).
 *
 *     bittorrent FILE.torrent [--dir DIR] [--host ADDR] [--port N] [--unchoke-all]
 *                [--upload-slots N] [--announce-ms N] [--choke-ms N] [--keepalive-ms N] [--no-connect]
 *
 * The files of the torrent live under DIR (DIR/name for a single file, DIR/name/path... for
 * several). At start every piece already on disk is checked (SHA-1) and counted as had:
 * a full copy seeds, a partial one resumes. It prints "listening on tcp://HOST:PORT" when it
 * is ready, "have N/M pieces" after the check and "complete" when the last piece is stored,
 * and keeps seeding until SIGTERM (then it announces stopped).
 *
 * Who touches what: a peer's slot (peer) is owned by the flow of its current message (one at
 * a time: its descriptor is in its place's epoll set with EPOLLONESHOT until MessageDone hands
 * it back);
 * other flows only write to it, under its wlock, and only while it is active, which changes
 * under the peers constraint. The piece map (have, dl, a peer's assigned pieces and has map)
 * changes under pieces; the files are written under files and read under files?.
 */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define PROTOCOL "BitTorrent protocol"
#define HANDSHAKE_LEN 68
#define BAN_AFTER 3          /* bad pieces */
#define MAX_BAD_REQUESTS 16  /* requests for pieces we do not have, out of range, ... */
#define MAX_CANDIDATES 512

enum { E_WRITE = 1, E_PROTOCOL, E_HASH, E_SELF, E_TRACKER };

typedef struct file_entry { char *path; int fd; int64_t offset, length; } file_entry;

static struct {
    unsigned char info_hash[20], peer_id[20];
    char *announce;
    int64_t piece_len, total, npieces;
    unsigned char *hashes;
    file_entry *files;
    int nfiles;
} T;

/* A piece being downloaded. Its owner requests its blocks; in the endgame other peers ask
 * for the blocks still missing too (their requests are in their own out lists). */
typedef struct download {
    int owner;                   /* peer slot; -1: nobody downloads it; VERIFYING: complete */
    unsigned char *buf;          /* NULL once complete (the flow that completed it has it) */
    unsigned char *got, *req;    /* per block: received; requested by the owner */
    uint32_t *from;              /* per block: who sent it (slot | gen << 8), to blame */
    int ngot;
} download;
#define VERIFYING (-2)

static unsigned char *have;      /* per piece */
static int64_t nhave;
static download *dl;
static _Atomic int64_t left_bytes, uploaded, downloaded;
static _Atomic bool completed_event;
static peer table[BT_MAX_PEERS];
static int listen_fd = -1, our_port;

/* Listen is a local source (flux_source_local): in the pool and event runtimes every runtime
 * thread owns a place and runs Listen for it, and the flows it starts on the same thread. A
 * place has its own poll set (the shared listening socket, with EPOLLEXCLUSIVE, and the
 * connections it accepted or was given), its own queue of peers with a buffered message and
 * its own wake descriptor. The thread runtime has one place. */
typedef struct place_io {
    int epfd, wake_fd;
    pthread_mutex_t lock;
    peer *head, *tail;           /* peers with input to handle, in order */
    _Atomic bool sleeping;       /* Listen is in (or about to enter) its wait */
} place_io;
static place_io *places;
static int nplaces;
static _Atomic unsigned next_place;   /* outgoing connections go round the places */
static struct in_addr our_host;
static bool unchoke_all, no_connect;
static int upload_slots = 4;
static long announce_ms = 30000, choke_ms = 10000, keepalive_ms = 60000;
static _Atomic int tracker_interval_ms;
static _Atomic long bad_pieces_total, pieces_stored;


/* A peer address the tracker named; retried with a growing delay after each connection ends. */
typedef struct candidate {
    struct sockaddr_in addr;
    bool busy, banned;
    int tries;
    int64_t retry_ms;
} candidate;
static pthread_mutex_t cand_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cand_cond = PTHREAD_COND_INITIALIZER;
static candidate cands[MAX_CANDIDATES];
static int ncands, cand_next;
static unsigned char banned_ids[64][20];   /* peers that sent bad pieces (by peer id) */
static int nbanned;

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleeps ms milliseconds in short steps; false once the program stops. */
static bool nap(long ms, _Atomic bool *early) {
    int64_t until = now_ms() + ms;
    while (now_ms() < until) {
        if (flux_stopping()) return false;
        if (early && atomic_load(early)) return true;
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
    return !flux_stopping();
}

static int64_t piece_size(int64_t i) {
    return i == T.npieces - 1 ? T.total - i * T.piece_len : T.piece_len;
}
static int nblocks(int64_t i) { return (int)((piece_size(i) + BT_BLOCK - 1) / BT_BLOCK); }

static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}

/* ------------------------------------------------------------------ files */

/* Reads (write false) or writes length bytes at offset of the torrent's data. */
static int file_io(bool write, int64_t offset, unsigned char *buf, int64_t length) {
    for (int f = 0; f < T.nfiles && length > 0; f++) {
        file_entry *e = &T.files[f];
        if (offset >= e->offset + e->length || offset + length <= e->offset) continue;
        int64_t at = offset - e->offset, n = e->offset + e->length - offset;
        if (n > length) n = length;
        int64_t done = 0;
        while (done < n) {
            ssize_t r = write ? pwrite(e->fd, buf + done, (size_t)(n - done), at + done)
                              : pread(e->fd, buf + done, (size_t)(n - done), at + done);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) return -1;
            done += r;
        }
        buf += n; offset += n; length -= n;
    }
    return length == 0 ? 0 : -1;
}

static int make_dirs(char *path) {
    for (char *s = path + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            int r = mkdir(path, 0755);
            *s = '/';
            if (r != 0 && errno != EEXIST) return -1;
        }
    return 0;
}

/* A path component from the metainfo: no empty name, ".", ".." or slash (no escape from DIR). */
static bool safe_component(const char *s, size_t n) {
    if (n == 0 || n > 255 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
        return false;
    for (size_t i = 0; i < n; i++) if (s[i] == '/' || s[i] == '\0') return false;
    return true;
}

/* ------------------------------------------------------------------ metainfo */

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) {
            if (cap > (64u << 20)) { free(buf); buf = NULL; break; }
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) { free(buf); buf = NULL; break; }
            buf = bigger;
        }
    }
    fclose(f);
    *n = len;
    return buf;
}

static char *dup_span(const char *s, size_t n) {
    char *c = malloc(n + 1);
    if (c) { memcpy(c, s, n); c[n] = '\0'; }
    return c;
}

/* Loads the metainfo and opens (creating) the files under dir. Returns an error text or NULL. */
static const char *load_torrent(const char *path, const char *dir) {
    size_t n;
    char *text = slurp(path, &n);
    if (!text) return "cannot read the torrent file";
    benc root, info, v;
    const char *s;
    size_t sn;
    int64_t x;
    if (!benc_value(text, text + n, &root) || *root.p != 'd') return "malformed bencode";
    if (!benc_get(root, "announce", &v) || !benc_string(v, &s, &sn)) return "no announce URL";
    T.announce = dup_span(s, sn);
    if (!benc_get(root, "info", &info) || *info.p != 'd') return "no info dictionary";
    sha1(info.p, (size_t)(info.end - info.p), T.info_hash);
    if (!benc_get(info, "piece length", &v) || !benc_int(v, &x) || x <= 0 || x > BT_MAX_PIECE)
        return "bad piece length";
    T.piece_len = x;
    if (!benc_get(info, "pieces", &v) || !benc_string(v, &s, &sn) || sn % 20 != 0 || sn == 0)
        return "bad pieces";
    T.hashes = (unsigned char *)dup_span(s, sn);
    T.npieces = (int64_t)(sn / 20);
    const char *name;
    size_t name_n;
    if (!benc_get(info, "name", &v) || !benc_string(v, &name, &name_n) ||
        !safe_component(name, name_n))
        return "bad name";
    char base[4096];
    snprintf(base, sizeof base, "%s/%.*s", dir, (int)name_n, name);
    benc files;
    if (benc_get(info, "length", &v)) {
        if (!benc_int(v, &x) || x <= 0) return "bad length";
        T.files = calloc(1, sizeof *T.files);
        T.nfiles = 1;
        T.files[0] = (file_entry){strdup(base), -1, 0, x};
        T.total = x;
    } else if (benc_get(info, "files", &files) && *files.p == 'l') {
        const char *cur = NULL;
        benc f;
        int cap = 0;
        while (benc_next(files, &cur, &f)) {
            benc list, part;
            if (!benc_get(f, "length", &v) || !benc_int(v, &x) || x < 0 ||
                !benc_get(f, "path", &list) || *list.p != 'l')
                return "bad file entry";
            char full[4096];
            size_t used = (size_t)snprintf(full, sizeof full, "%s", base);
            const char *pc = NULL;
            int parts = 0;
            while (benc_next(list, &pc, &part)) {
                if (!benc_string(part, &s, &sn) || !safe_component(s, sn) ||
                    used + sn + 2 >= sizeof full)
                    return "bad file path";
                used += (size_t)snprintf(full + used, sizeof full - used, "/%.*s", (int)sn, s);
                parts++;
            }
            if (parts == 0) return "empty file path";
            if (T.nfiles == cap) {
                cap = cap ? cap * 2 : 8;
                file_entry *grown = realloc(T.files, (size_t)cap * sizeof *grown);
                if (!grown) return "out of memory";
                T.files = grown;
            }
            T.files[T.nfiles++] = (file_entry){strdup(full), -1, T.total, x};
            T.total += x;
        }
        if (T.nfiles == 0) return "no files";
    } else {
        return "neither length nor files";
    }
    if ((T.total + T.piece_len - 1) / T.piece_len != T.npieces) return "pieces do not match length";
    free(text);
    for (int f = 0; f < T.nfiles; f++) {
        if (make_dirs(T.files[f].path) != 0) return "cannot create directories";
        T.files[f].fd = open(T.files[f].path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (T.files[f].fd < 0) return "cannot open a file";
        struct stat st;
        if (fstat(T.files[f].fd, &st) == 0 && st.st_size != T.files[f].length &&
            ftruncate(T.files[f].fd, T.files[f].length) != 0)
            return "cannot size a file";
    }
    return NULL;
}

/* Checks every piece on disk: the ones that match are had (resume, or seeding). */
static void check_pieces(void) {
    unsigned char *buf = malloc((size_t)T.piece_len), digest[20];
    int64_t left = T.total;
    for (int64_t i = 0; buf && i < T.npieces; i++) {
        if (file_io(false, i * T.piece_len, buf, piece_size(i)) == 0) {
            sha1(buf, (size_t)piece_size(i), digest);
            if (memcmp(digest, T.hashes + 20 * i, 20) == 0) {
                have[i] = 1;
                nhave++;
                left -= piece_size(i);
            }
        }
    }
    free(buf);
    atomic_store(&left_bytes, left);
}

/* ------------------------------------------------------------------ sending */

/* Waits until fd can take more bytes (10 s at most). */
static bool writable(int fd) {
    struct pollfd pfd = {fd, POLLOUT, 0};
    return poll(&pfd, 1, 10000) == 1;
}

/* Writes the iovecs whole (flags: MSG_MORE when more follows). The caller holds p->wlock. */
static int write_iov(peer *p, struct iovec *iov, int count, int flags) {
    int at = 0;
    while (at < count) {
        if (p->fd < 0) return -1;
        struct msghdr mh = {.msg_iov = iov + at, .msg_iovlen = (size_t)(count - at)};
        ssize_t w = sendmsg(p->fd, &mh, flags | MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!writable(p->fd)) return -1;
            continue;
        }
        if (w <= 0) return -1;
        size_t done = (size_t)w;
        while (at < count && done >= iov[at].iov_len) done -= iov[at++].iov_len;
        if (at < count) {
            iov[at].iov_base = (char *)iov[at].iov_base + done;
            iov[at].iov_len -= done;
        }
    }
    return 0;
}

static int send_all(peer *p, const void *data, size_t n, const void *data2, size_t n2) {
    struct iovec iov[2] = {{(void *)data, n}, {(void *)data2, n2}};
    pthread_mutex_lock(&p->wlock);
    int result = write_iov(p, iov, n2 ? 2 : 1, 0);
    pthread_mutex_unlock(&p->wlock);
    return result;
}

/* Sends one block of ours as a piece message: the header, then the bytes straight from the
 * page cache with sendfile(2) (a block that spans two files is read into a buffer). The
 * caller holds p->wlock. */
static int send_block(peer *p, const block_ref *r) {
    unsigned char head[13];
    put32(head, 9 + r->length);
    head[4] = 7;
    put32(head + 5, r->index);
    put32(head + 9, r->begin);
    int64_t offset = (int64_t)r->index * T.piece_len + r->begin;
    for (int f = 0; f < T.nfiles; f++) {
        file_entry *e = &T.files[f];
        if (offset < e->offset || offset + r->length > e->offset + e->length) continue;
        struct iovec iov = {head, sizeof head};
        if (write_iov(p, &iov, 1, MSG_MORE) != 0) return -1;
        off_t at = (off_t)(offset - e->offset);
        size_t left = r->length;
        while (left > 0) {
            ssize_t w = sendfile(p->fd, e->fd, &at, left);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                if (!writable(p->fd)) return -1;
                continue;
            }
            if (w <= 0) return -1;
            left -= (size_t)w;
        }
        return 0;
    }
    unsigned char *block = malloc(r->length);
    int result = -1;
    if (block && file_io(false, offset, block, r->length) == 0) {
        struct iovec iov[2] = {{head, sizeof head}, {block, r->length}};
        result = write_iov(p, iov, 2, 0);
    }
    free(block);
    return result;
}

static int send_simple(peer *p, int id) {
    unsigned char m[5];
    put32(m, 1);
    m[4] = (unsigned char)id;
    return send_all(p, m, 5, NULL, 0);
}

static int send_have(peer *p, uint32_t piece) {
    unsigned char m[9];
    put32(m, 5);
    m[4] = 4;
    put32(m + 5, piece);
    return send_all(p, m, 9, NULL, 0);
}

static int send_handshake(peer *p) {
    unsigned char h[HANDSHAKE_LEN] = {19};
    memcpy(h + 1, PROTOCOL, 19);
    memcpy(h + 28, T.info_hash, 20);
    memcpy(h + 48, T.peer_id, 20);
    return send_all(p, h, sizeof h, NULL, 0);
}

/* Makes the peer's descriptor fail: the next read sees the end and Disconnect follows. */
static void shut(peer *p) {
    pthread_mutex_lock(&p->wlock);
    if (p->fd >= 0) shutdown(p->fd, SHUT_RDWR);
    pthread_mutex_unlock(&p->wlock);
}

/* ------------------------------------------------------------------ the poll set */

static void arm(peer *p, int op) {
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT,
                             .data.u64 = (uint64_t)p->slot};
    epoll_ctl(places[p->place].epfd, op, p->fd, &ev);
}

static peer *alloc_peer(int fd, const struct sockaddr_in *addr, bool incoming, int place) {
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&table[i].used, &expected, 1)) {
            peer *p = &table[i];
            p->fd = fd;
            p->gen++;
            p->got_handshake = false;
            p->nupq = 0;
            p->incoming = incoming;
            p->place = place;
            p->addr = *addr;
            p->len = 0;
            p->listed = false;
            atomic_store(&p->am_choking, true);
            atomic_store(&p->peer_choking, true);
            atomic_store(&p->peer_interested, false);
            atomic_store(&p->optimistic, false);
            p->am_interested = false;
            p->nassigned = p->inflight = p->bad_pieces = p->bad_requests = 0;
            atomic_store(&p->down_bytes, 0);
            atomic_store(&p->up_bytes, 0);
            p->last_down = p->last_up = 0;
            atomic_store(&p->last_heard_ms, now_ms());
            memset(p->has, 0, (size_t)T.npieces);
            memset(&p->msg, 0, sizeof p->msg);
            return p;
        }
    }
    return NULL;
}

static void release_candidate(const struct sockaddr_in *addr, bool ban) {
    pthread_mutex_lock(&cand_lock);
    for (int i = 0; i < ncands; i++)
        if (cands[i].addr.sin_addr.s_addr == addr->sin_addr.s_addr &&
            cands[i].addr.sin_port == addr->sin_port) {
            cands[i].busy = false;
            cands[i].banned |= ban;
            int shift = cands[i].tries < 6 ? cands[i].tries : 6;
            cands[i].retry_ms = now_ms() + (500L << shift);   /* 0.5 s, 1 s, ... 32 s */
            cands[i].tries++;
        }
    pthread_mutex_unlock(&cand_lock);
}

/* Whether the peer id belongs to a peer banned for bad pieces (on loopback every peer has
 * the same address, so bans go by listening address and by peer id). */
static bool is_banned(const unsigned char *id) {
    bool banned = false;
    pthread_mutex_lock(&cand_lock);
    for (int i = 0; i < nbanned && !banned; i++) banned = memcmp(banned_ids[i], id, 20) == 0;
    pthread_mutex_unlock(&cand_lock);
    return banned;
}

static void ban(peer *p) {
    release_candidate(&p->addr, true);
    pthread_mutex_lock(&cand_lock);
    if (nbanned < 64) memcpy(banned_ids[nbanned++], p->id, 20);
    pthread_mutex_unlock(&cand_lock);
}

/* The peers with input to handle, in order: from the place's poll set, or with a message
 * still in their buffer when their last flow ended. Listen takes them from here. */
static peer *pop_ready(place_io *pl) {
    pthread_mutex_lock(&pl->lock);
    peer *p = pl->head;
    if (p) {
        pl->head = p->next_ready;
        if (!pl->head) pl->tail = NULL;
    }
    pthread_mutex_unlock(&pl->lock);
    return p;
}

static void push_ready(peer *p, bool wake) {
    place_io *pl = &places[p->place];
    pthread_mutex_lock(&pl->lock);
    p->next_ready = NULL;
    if (pl->tail) pl->tail->next_ready = p; else pl->head = p;
    pl->tail = p;
    pthread_mutex_unlock(&pl->lock);
    /* Listen sets sleeping before it looks at the queue a last time, so either it sees p or
     * we see the flag. The write is also paid when another thread queues the peer (a flow
     * resumed elsewhere after a constraint): the place's poll set then has input, so the
     * runtime hands the place over if its thread is stuck in a long flow. */
    uint64_t one = 1;
    if (wake && (atomic_load(&pl->sleeping) || flux_place() != p->place) &&
        write(pl->wake_fd, &one, sizeof one) < 0) {
        /* the source polls every 200 ms anyway */
    }
}

#define LISTEN_KEY UINT64_MAX
#define WAKE_KEY (UINT64_MAX - 1)

/* One call serves the place of this thread: a peer with input starts a Message flow; when
 * the wait returns no peer (the runtime needs the thread, or 200 ms passed) it returns
 * FLUX_NOTHING, and the runtime calls it again when the thread has nothing else to do. */
int Listen(Listen_out *out) {
    place_io *pl = &places[flux_place()];
    for (;;) {
        if (flux_stopping()) return 1;
        peer *p = pop_ready(pl);
        if (!p) {
            atomic_store(&pl->sleeping, true);
            p = pop_ready(pl);
        }
        if (p) {
            atomic_store(&pl->sleeping, false);
            out->p = p;
            return 0;
        }
        struct epoll_event evs[64];
        int n = flux_poll_wait(pl->epfd, evs, 64, 200);
        atomic_store(&pl->sleeping, false);
        if (n <= 0) return flux_stopping() ? 1 : FLUX_NOTHING;
        for (int k = 0; k < n; k++) {
            if (evs[k].data.u64 == WAKE_KEY) {
                uint64_t v;
                if (read(pl->wake_fd, &v, sizeof v) < 0) { /* nothing to do */ }
            } else if (evs[k].data.u64 == LISTEN_KEY) {       /* a new connection */
                struct sockaddr_in addr;
                socklen_t alen = sizeof addr;
                int fd = accept4(listen_fd, (struct sockaddr *)&addr, &alen,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (fd < 0) continue;   /* another place took it */
                peer *np = alloc_peer(fd, &addr, true, (int)(pl - places));
                if (!np) { close(fd); continue; }
                arm(np, EPOLL_CTL_ADD);
            } else {
                push_ready(&table[evs[k].data.u64], false);
            }
        }
    }
}

uint64_t PeerSession(Message_in *in) { return (uint64_t)in->p->slot; }

/* The length of the complete message at offset off of the buffer, 0 when it has not all
 * arrived, -1 when it can never fit or is not a handshake where one is due. */
static ssize_t framed_at(const peer *p, size_t off) {
    const unsigned char *b = p->buf + off;
    size_t len = p->len - off;
    if (!p->got_handshake) {
        if (len >= 1 && b[0] != 19) return -1;
        return len >= HANDSHAKE_LEN ? HANDSHAKE_LEN : 0;
    }
    if (len < 4) return 0;
    uint32_t n = get32(b);
    if (n > p->cap - 4) return -1;
    return len >= 4 + (size_t)n ? (ssize_t)(4 + n) : 0;
}

static ssize_t framed(const peer *p) { return framed_at(p, 0); }

static void closed(message *m, const char *why) {
    m->type = MSG_CLOSED;
    m->why = why;
}

int ReadMessage(ReadMessage_in *in, ReadMessage_out *out) {
    peer *p = in->p;
    message *m = &p->msg;
    memset(m, 0, sizeof *m);
    m->complete = -1;
    out->p = p;
    out->m = m;
    ssize_t size = framed(p);
    while (size == 0) {
        ssize_t r = read(p->fd, p->buf + p->len, p->cap - p->len);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;  /* MSG_NONE */
        if (r <= 0) { closed(m, r == 0 ? "end of input" : "read error"); return 0; }
        p->len += (size_t)r;
        atomic_store(&p->last_heard_ms, now_ms());
        size = framed(p);
    }
    if (size < 0) {
        closed(m, p->got_handshake ? "message too long" : "not a BitTorrent handshake");
        return 0;
    }
    m->size = (size_t)size;
    if (!p->got_handshake) {
        m->type = MSG_HANDSHAKE;
        m->payload = p->buf;
        m->length = HANDSHAKE_LEN;
        return 0;
    }
    if (size == 4) { m->type = MSG_KEEPALIVE; return 0; }
    unsigned id = p->buf[4];
    m->payload = p->buf + 5;
    m->length = (size_t)size - 5;
    static const struct { message_type type; long length; } kinds[] = {
        {MSG_CHOKE, 0}, {MSG_UNCHOKE, 0}, {MSG_INTERESTED, 0}, {MSG_UNINTERESTED, 0},
        {MSG_HAVE, 4}, {MSG_BITFIELD, -1}, {MSG_REQUEST, 12}, {MSG_PIECE, -2},
        {MSG_CANCEL, 12}};
    if (id >= sizeof kinds / sizeof kinds[0]) { m->type = MSG_OTHER; return 0; }
    long want = kinds[id].length;
    if ((want >= 0 && m->length != (size_t)want) || (want == -2 && m->length < 8)) {
        closed(m, "wrong message length");
        return 0;
    }
    m->type = kinds[id].type;
    return 0;
}

bool IsHandshake(message *m) { return m->type == MSG_HANDSHAKE; }
bool IsChoke(message *m) { return m->type == MSG_CHOKE; }
bool IsUnchoke(message *m) { return m->type == MSG_UNCHOKE; }
bool IsInterested(message *m) { return m->type == MSG_INTERESTED; }
bool IsUninterested(message *m) { return m->type == MSG_UNINTERESTED; }
bool IsHave(message *m) { return m->type == MSG_HAVE; }
bool IsBitfield(message *m) { return m->type == MSG_BITFIELD; }
bool IsRequest(message *m) { return m->type == MSG_REQUEST; }
bool IsCancel(message *m) { return m->type == MSG_CANCEL; }
bool IsPiece(message *m) { return m->type == MSG_PIECE; }
bool IsClosed(message *m) { return m->type == MSG_CLOSED; }
bool IsPieceComplete(message *m) { return m->complete >= 0; }
bool IsVerified(message *m) { return m->verified; }

/* ------------------------------------------------------------------ the handshake */

int Handshake(Handshake_in *in, Handshake_out *out) {
    peer *p = in->p;
    *out = (Handshake_out){p, in->m};
    const unsigned char *h = in->m->payload;
    if (memcmp(h + 1, PROTOCOL, 19) != 0 || memcmp(h + 28, T.info_hash, 20) != 0) return E_PROTOCOL;
    if (memcmp(h + 48, T.peer_id, 20) == 0) return E_SELF;
    if (is_banned(h + 48)) return E_PROTOCOL;
    memcpy(p->id, h + 48, 20);
    p->got_handshake = true;
    if (p->incoming && send_handshake(p) != 0) return E_WRITE;
    p->listed = true;
    atomic_store(&p->active, true);
    return 0;
}

int SendBitfield(SendBitfield_in *in, SendBitfield_out *out) {
    peer *p = in->p;
    *out = (SendBitfield_out){p, in->m};
    size_t n = (size_t)(T.npieces + 7) / 8;
    unsigned char *bits = calloc(1, n + 5);
    if (!bits) return ENOMEM;
    put32(bits, (uint32_t)(n + 1));
    bits[4] = 5;
    int64_t count = 0;
    for (int64_t i = 0; i < T.npieces; i++)
        if (__atomic_load_n(&have[i], __ATOMIC_ACQUIRE)) { bits[5 + i / 8] |= (unsigned char)(0x80 >> (i % 8)); count++; }
    int r = count ? send_all(p, bits, n + 5, NULL, 0) : 0;
    free(bits);
    return r ? E_WRITE : 0;
}

/* ------------------------------------------------------------------ the piece map */

static void free_download(download *d) {
    free(d->buf); free(d->got); free(d->req); free(d->from);
    d->buf = d->got = d->req = NULL;
    d->from = NULL;
    d->ngot = 0;
}

/* Gives back the peer's pieces (its requests are void); keeps nothing of partial pieces. */
static void give_back(peer *p) {
    for (int a = 0; a < p->nassigned; a++) {
        download *d = &dl[p->assigned[a]];
        if (d->owner != p->slot) continue;
        d->owner = -1;
        free_download(d);
    }
    p->nassigned = 0;
    p->inflight = 0;
}

/* The piece is no longer downloaded by its owner (complete, or verified and stored). */
static void drop_assignment(int64_t index) {
    int owner = dl[index].owner;
    if (owner < 0) return;
    peer *o = &table[owner];
    for (int a = 0; a < o->nassigned; a++)
        if (o->assigned[a] == index) { o->assigned[a] = o->assigned[--o->nassigned]; break; }
}

int Choke(Choke_in *in, Choke_out *out) {
    *out = (Choke_out){in->p, in->m};
    atomic_store(&in->p->peer_choking, true);
    give_back(in->p);
    return 0;
}

int Unchoke(Unchoke_in *in, Unchoke_out *out) {
    *out = (Unchoke_out){in->p, in->m};
    atomic_store(&in->p->peer_choking, false);
    return 0;
}

static _Atomic int unchoked_count;

static void set_choke(peer *p, bool choke) {
    if (atomic_load(&p->am_choking) == choke) return;
    atomic_store(&p->am_choking, choke);
    atomic_fetch_add(&unchoked_count, choke ? -1 : 1);
    if (send_simple(p, choke ? 0 : 1) != 0) shut(p);
}

int Interested(Interested_in *in, Interested_out *out) {
    *out = (Interested_out){in->p, in->m};
    atomic_store(&in->p->peer_interested, true);
    if (unchoke_all || atomic_load(&unchoked_count) < upload_slots) set_choke(in->p, false);
    return 0;
}

/* A slot is free (its peer left or lost interest): the interested peers that wait are
 * unchoked now rather than at the next choke round. */
static void fill_free_slots(void) {
    for (int i = 0; i < BT_MAX_PEERS && atomic_load(&unchoked_count) < upload_slots; i++) {
        peer *q = &table[i];
        if (atomic_load(&q->active) && atomic_load(&q->peer_interested) &&
            atomic_load(&q->am_choking))
            set_choke(q, false);
    }
}

int Uninterested(Uninterested_in *in, Uninterested_out *out) {
    *out = (Uninterested_out){in->p, in->m};
    atomic_store(&in->p->peer_interested, false);
    if (!unchoke_all && !atomic_load(&in->p->am_choking)) {
        set_choke(in->p, true);
        fill_free_slots();
    }
    return 0;
}

int Have(Have_in *in, Have_out *out) {
    *out = (Have_out){in->p, in->m};
    uint32_t i = get32(in->m->payload);
    if (i >= T.npieces) return E_PROTOCOL;
    in->p->has[i] = 1;
    return 0;
}

int Bitfield(Bitfield_in *in, Bitfield_out *out) {
    peer *p = in->p;
    *out = (Bitfield_out){p, in->m};
    if (in->m->length != (size_t)(T.npieces + 7) / 8) return E_PROTOCOL;
    for (int64_t i = 0; i < (int64_t)in->m->length * 8; i++) {
        bool bit = in->m->payload[i / 8] & (0x80 >> (i % 8));
        if (i >= T.npieces) { if (bit) return E_PROTOCOL; }  /* spare bits must be 0 */
        else p->has[i] = bit;
    }
    return 0;
}

/* ------------------------------------------------------------------ uploading */

/* A request is queued; the queue is served (SendBlocks) once no other complete message of
 * the peer is buffered, so a cancel read in the same batch removes its request unsent. */
int Request(Request_in *in, Request_out *out) {
    peer *p = in->p;
    *out = (Request_out){p, in->m};
    const unsigned char *q = in->m->payload;
    uint32_t index = get32(q), begin = get32(q + 4), length = get32(q + 8);
    if (index >= T.npieces || !__atomic_load_n(&have[index], __ATOMIC_ACQUIRE) || length == 0 ||
        length > 2 * BT_BLOCK || (int64_t)begin + length > piece_size(index)) {
        if (++p->bad_requests > MAX_BAD_REQUESTS) return E_PROTOCOL;
        return 0;
    }
    if (atomic_load(&p->am_choking)) return 0;         /* requests while choked are dropped */
    p->upq[p->nupq++] = (block_ref){index, begin, length};   /* Upload serves a full queue */
    return 0;
}

int Cancel(Cancel_in *in, Cancel_out *out) {
    peer *p = in->p;
    *out = (Cancel_out){p, in->m};
    const unsigned char *q = in->m->payload;
    block_ref c = {get32(q), get32(q + 4), get32(q + 8)};
    for (int k = 0; k < p->nupq; k++)
        if (p->upq[k].index == c.index && p->upq[k].begin == c.begin &&
            p->upq[k].length == c.length) {
            memmove(&p->upq[k], &p->upq[k + 1], (size_t)(p->nupq - k - 1) * sizeof p->upq[0]);
            p->nupq--;
            break;
        }
    return 0;
}

/* Whether the peer's queued requests are due: the queue is full, or no other complete
 * message of the peer is buffered behind this one. */
bool IsUploadDue(message *m) {
    peer *p = (peer *)((char *)m - offsetof(peer, msg));
    if (m->type == MSG_CLOSED || p->nupq == 0) return false;
    return p->nupq == BT_UPLOAD_QUEUE || framed_at(p, m->size) == 0;
}

/* Sends the queued blocks, in order, unless we have choked the peer since (then they are
 * void). A write error shuts the connection: the next read ends it. */
int SendBlocks(SendBlocks_in *in, SendBlocks_out *out) {
    peer *p = in->p;
    *out = (SendBlocks_out){p, in->m};
    int n = p->nupq;
    p->nupq = 0;
    if (atomic_load(&p->am_choking)) return 0;
    uint64_t sent = 0;
    int r = 0;
    pthread_mutex_lock(&p->wlock);
    for (int k = 0; k < n && r == 0; k++) {
        r = p->fd >= 0 ? send_block(p, &p->upq[k]) : -1;
        if (r == 0) sent += p->upq[k].length;
    }
    if (r != 0 && p->fd >= 0) shutdown(p->fd, SHUT_RDWR);
    pthread_mutex_unlock(&p->wlock);
    atomic_fetch_add(&p->up_bytes, sent);
    atomic_fetch_add(&uploaded, sent);
    return 0;
}

/* ------------------------------------------------------------------ downloading */

static int find_out(const peer *p, uint32_t index, uint32_t begin) {
    for (int k = 0; k < p->inflight; k++)
        if (p->out[k].index == index && p->out[k].begin == begin) return k;
    return -1;
}

static int send_cancel(peer *p, const block_ref *r) {
    unsigned char c[17];
    put32(c, 13);
    c[4] = 8;
    put32(c + 5, r->index);
    put32(c + 9, r->begin);
    put32(c + 13, r->length);
    return send_all(p, c, 17, NULL, 0);
}

static uint32_t block_length(uint32_t index, uint32_t begin) {
    int64_t n = piece_size(index) - begin;
    return (uint32_t)(n > BT_BLOCK ? BT_BLOCK : n);
}

int Piece(Piece_in *in, Piece_out *out) {
    peer *p = in->p;
    message *m = in->m;
    *out = (Piece_out){p, m};
    uint32_t index = get32(m->payload), begin = get32(m->payload + 4);
    size_t length = m->length - 8;
    int k = index < T.npieces ? find_out(p, index, begin) : -1;
    if (k < 0) return 0;                                 /* not asked for, or cancelled */
    p->out[k] = p->out[--p->inflight];
    download *d = &dl[index];
    int b = (int)(begin / BT_BLOCK);
    if (have[index] || !d->buf || length != block_length(index, begin) || d->got[b]) return 0;
    memcpy(d->buf + begin, m->payload + 8, length);
    d->got[b] = 1;
    d->from[b] = (uint32_t)p->slot | p->gen << 8;
    d->ngot++;
    atomic_fetch_add(&p->down_bytes, length);
    atomic_fetch_add(&downloaded, length);
    /* the endgame: the others that were asked for this block are told not to send it */
    block_ref c = {index, begin, (uint32_t)length};
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        peer *q = &table[i];
        int qk;
        if (q == p || !atomic_load(&q->active) || (qk = find_out(q, index, begin)) < 0) continue;
        q->out[qk] = q->out[--q->inflight];
        if (send_cancel(q, &c) != 0) shut(q);
    }
    if (d->ngot == nblocks(index)) {       /* complete: the flow takes the bytes */
        drop_assignment(index);
        d->owner = VERIFYING;
        m->complete = index;
        m->data = d->buf;
        d->buf = NULL;
    }
    return 0;
}

int VerifyPiece(VerifyPiece_in *in, VerifyPiece_out *out) {
    message *m = in->m;
    *out = (VerifyPiece_out){in->p, m};
    unsigned char digest[20];
    sha1(m->data, (size_t)piece_size(m->complete), digest);
    m->verified = memcmp(digest, T.hashes + 20 * m->complete, 20) == 0;
    return 0;
}

int WritePiece(WritePiece_in *in, WritePiece_out *out) {
    message *m = in->m;
    *out = (WritePiece_out){in->p, m};
    int r = file_io(true, m->complete * T.piece_len, m->data, piece_size(m->complete));
    if (r != 0) {
        fprintf(stderr, "bittorrent: cannot write piece %lld: %s\n", (long long)m->complete,
                strerror(errno));
        m->verified = false;   /* SendHave gives it back instead */
    }
    return 0;
}

/* The verified (or rejected) piece is nobody's any more. */
static void finish_download(int64_t index) {
    free_download(&dl[index]);
    dl[index].owner = -1;
}

int SendHave(SendHave_in *in, SendHave_out *out) {
    peer *p = in->p;
    message *m = in->m;
    *out = (SendHave_out){p, m};
    int64_t index = m->complete;
    free(m->data);
    m->data = NULL;
    if (!m->verified) {                     /* the write failed: requested again */
        finish_download(index);
        return 0;
    }
    __atomic_store_n(&have[index], 1, __ATOMIC_RELEASE);   /* Request and SendBitfield read it */
    finish_download(index);
    nhave++;
    atomic_fetch_add(&pieces_stored, 1);
    bool done = atomic_fetch_sub(&left_bytes, piece_size(index)) == piece_size(index);
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        peer *q = &table[i];
        if (!atomic_load(&q->active)) continue;
        if (send_have(q, (uint32_t)index) != 0) shut(q);
        else if (done && q->am_interested && q != p) {
            /* q's own flows change am_interested; it only matters that the peer hears it */
            if (send_simple(q, 3) != 0) shut(q);
        }
    }
    if (done) {
        printf("complete\n");
        fflush(stdout);
        atomic_store(&completed_event, true);
    }
    return 0;
}

/* The peer that sent most of the piece's blocks (it takes the blame), or NULL when it has
 * gone (its slot is free or holds another connection). */
static peer *main_sender(const download *d, int64_t index) {
    int best = 0, count = 0;
    uint32_t who = 0;
    for (int b = 0; b < nblocks(index); b++) {
        int n = 0;
        for (int c = 0; c < nblocks(index); c++) n += d->from[c] == d->from[b];
        if (n > count) { count = n; best = b; }
    }
    who = d->from[best];
    peer *q = &table[who & 0xff];
    return atomic_load(&q->used) && q->gen == who >> 8 ? q : NULL;
}

int RejectPiece(RejectPiece_in *in, RejectPiece_out *out) {
    peer *p = in->p;
    message *m = in->m;
    *out = (RejectPiece_out){p, m};
    free(m->data);
    m->data = NULL;
    peer *q = main_sender(&dl[m->complete], m->complete);
    finish_download(m->complete);
    atomic_fetch_add(&bad_pieces_total, 1);
    fprintf(stderr, "bittorrent: piece %lld failed its hash check\n", (long long)m->complete);
    if (q && ++q->bad_pieces >= BAN_AFTER) {
        fprintf(stderr, "bittorrent: banned %s:%d after %d bad pieces\n",
                inet_ntoa(q->addr.sin_addr), ntohs(q->addr.sin_port), q->bad_pieces);
        ban(q);
        shut(q);
    }
    return 0;
}

static int send_request(peer *p, int64_t index, int b) {
    block_ref r = {(uint32_t)index, (uint32_t)b * BT_BLOCK, 0};
    r.length = block_length(r.index, r.begin);
    unsigned char m[17];
    put32(m, 13);
    m[4] = 6;
    put32(m + 5, r.index);
    put32(m + 9, r.begin);
    put32(m + 13, r.length);
    if (send_all(p, m, 17, NULL, 0) != 0) return -1;
    p->out[p->inflight++] = r;
    return 0;
}

/* A piece the peer has, we lack and nobody downloads (from a random place). */
static int64_t pick(peer *p) {
    int64_t start = (int64_t)((unsigned)rand() % (unsigned)T.npieces);
    for (int64_t k = 0; k < T.npieces; k++) {
        int64_t i = (start + k) % T.npieces;
        if (p->has[i] && !have[i] && dl[i].owner == -1) return i;
    }
    return -1;
}

/* The endgame: every piece we lack is being downloaded, so nothing is left to pick. */
static bool endgame(void) {
    for (int64_t i = 0; i < T.npieces; i++)
        if (!have[i] && dl[i].owner == -1) return false;
    return true;
}

static int start_download(peer *p, int64_t index) {
    download *d = &dl[index];
    int n = nblocks(index);
    d->buf = malloc((size_t)piece_size(index));
    d->got = calloc((size_t)n, 1);
    d->req = calloc((size_t)n, 1);
    d->from = calloc((size_t)n, sizeof *d->from);
    if (!d->buf || !d->got || !d->req || !d->from) {
        free_download(d);
        return ENOMEM;
    }
    for (int k = 0; k < p->inflight; k++)          /* asked already, in an endgame */
        if (p->out[k].index == index) d->req[p->out[k].begin / BT_BLOCK] = 1;
    d->owner = p->slot;
    d->ngot = 0;
    p->assigned[p->nassigned++] = index;
    return 0;
}

int SendRequest(SendRequest_in *in, SendRequest_out *out) {
    peer *p = in->p;
    *out = (SendRequest_out){p, in->m};
    if (!p->got_handshake) return 0;
    bool want = false;
    for (int64_t i = 0; i < T.npieces && !want; i++) want = p->has[i] && !have[i];
    if (want != p->am_interested) {
        p->am_interested = want;
        if (send_simple(p, want ? 2 : 3) != 0) return E_WRITE;
    }
    if (!want || atomic_load(&p->peer_choking)) return 0;
    for (;;) {
        for (int a = 0; a < p->nassigned && p->inflight < BT_PIPELINE; a++) {
            int64_t index = p->assigned[a];
            download *d = &dl[index];
            for (int b = 0; b < nblocks(index) && p->inflight < BT_PIPELINE; b++) {
                if (d->req[b] || d->got[b]) continue;
                if (send_request(p, index, b) != 0) return E_WRITE;
                d->req[b] = 1;
            }
        }
        if (p->inflight >= BT_PIPELINE || p->nassigned >= BT_MAX_ASSIGNED) break;
        int64_t index = pick(p);
        if (index < 0) break;
        if (start_download(p, index) != 0) return ENOMEM;
    }
    if (p->inflight >= BT_PIPELINE || !endgame()) return 0;
    /* the endgame: ask this peer too for the blocks still missing (from a random piece on);
     * whichever copy arrives first is kept and the other requests are cancelled (Piece) */
    int64_t start = (int64_t)((unsigned)rand() % (unsigned)T.npieces);
    for (int64_t k = 0; k < T.npieces && p->inflight < BT_PIPELINE; k++) {
        int64_t index = (start + k) % T.npieces;
        download *d = &dl[index];
        if (have[index] || !p->has[index] || d->owner < 0 || !d->buf) continue;
        for (int b = 0; b < nblocks(index) && p->inflight < BT_PIPELINE; b++) {
            if (d->got[b] || find_out(p, (uint32_t)index, (uint32_t)b * BT_BLOCK) >= 0) continue;
            if (send_request(p, index, b) != 0) return E_WRITE;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ closing */

int Disconnect(Disconnect_in *in, Disconnect_out *out) {
    peer *p = in->p;
    *out = (Disconnect_out){p, in->m};
    give_back(p);
    atomic_store(&p->active, false);
    p->listed = false;
    bool freed = !atomic_load(&p->am_choking);
    if (freed) atomic_fetch_sub(&unchoked_count, 1);
    atomic_store(&p->am_choking, true);
    release_candidate(&p->addr, false);
    pthread_mutex_lock(&p->wlock);
    epoll_ctl(places[p->place].epfd, EPOLL_CTL_DEL, p->fd, NULL);
    close(p->fd);
    p->fd = -1;
    pthread_mutex_unlock(&p->wlock);
    p->got_handshake = false;
    p->len = 0;
    atomic_store(&p->used, 0);
    if (freed && !unchoke_all) fill_free_slots();
    return 0;
}

int MessageDone(MessageDone_in *in) {
    peer *p = in->p;
    message *m = in->m;
    if (m->type == MSG_CLOSED) return 0;   /* Disconnect freed the slot */
    if (m->size) {
        memmove(p->buf, p->buf + m->size, p->len - m->size);
        p->len -= m->size;
    }
    if (m->size && framed(p) != 0) push_ready(p, true);   /* another message is buffered */
    else arm(p, EPOLL_CTL_MOD);
    return 0;
}

void MessageFailed(HandleMessage_in *in, int err) {
    peer *p = in->p;
    if (err == E_SELF) release_candidate(&p->addr, true);   /* never again: it is us */
    free(in->m->data);
    in->m->data = NULL;
    shut(p);
    MessageDone_in done = {p, in->m};
    MessageDone(&done);
}

/* ------------------------------------------------------------------ outgoing connections */

int Connect(Connect_out *out) {
    candidate c;
    pthread_mutex_lock(&cand_lock);
    for (;;) {
        if (flux_stopping()) { pthread_mutex_unlock(&cand_lock); return ECANCELED; }
        int found = -1;
        int64_t now = now_ms();
        for (int k = 0; k < ncands && found < 0; k++) {
            int i = (cand_next + k) % ncands;
            if (!cands[i].busy && !cands[i].banned && cands[i].retry_ms <= now) found = i;
        }
        if (found >= 0 && !no_connect) {
            cands[found].busy = true;
            cand_next = found + 1;
            c = cands[found];
            break;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000000L;
        if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
        pthread_cond_timedwait(&cand_cond, &cand_lock, &until);
    }
    pthread_mutex_unlock(&cand_lock);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) { release_candidate(&c.addr, false); return errno; }
    int r = connect(fd, (struct sockaddr *)&c.addr, sizeof c.addr);
    if (r < 0 && errno == EINPROGRESS) {
        struct pollfd pfd = {fd, POLLOUT, 0};
        int err = 0;
        socklen_t elen = sizeof err;
        r = poll(&pfd, 1, 3000) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == 0 &&
            err == 0 ? 0 : -1;
    }
    peer *p = r == 0 ? alloc_peer(fd, &c.addr, false, (int)(atomic_fetch_add(&next_place, 1) % (unsigned)nplaces)) : NULL;
    if (!p) {
        close(fd);
        release_candidate(&c.addr, false);
        return ECONNREFUSED;
    }
    if (send_handshake(p) != 0) {
        close(fd);
        p->fd = -1;
        atomic_store(&p->used, 0);
        release_candidate(&c.addr, false);
        return E_WRITE;
    }
    out->p = p;
    return 0;
}

void ConnectFailed(int err) { (void)err; }

int AddPeer(AddPeer_in *in) {
    in->p->listed = true;
    arm(in->p, EPOLL_CTL_ADD);
    return 0;
}

/* ------------------------------------------------------------------ choking */

int ChokeTimer(ChokeTimer_out *out) {
    static uint64_t round;
    if (!nap(choke_ms, NULL)) return ECANCELED;
    out->round = ++round;
    return 0;
}

int PickChoked(PickChoked_in *in, PickChoked_out *out) {
    out->round = in->round;
    bool seeding = atomic_load(&left_bytes) == 0;
    peer *best[4] = {0};
    uint64_t rate[4] = {0};
    int slots = upload_slots < 4 ? upload_slots : 4;
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        peer *p = &table[i];
        if (!atomic_load(&p->active)) continue;
        uint64_t down = atomic_load(&p->down_bytes), up = atomic_load(&p->up_bytes);
        uint64_t r = seeding ? up - p->last_up : down - p->last_down;
        p->last_down = down;
        p->last_up = up;
        atomic_store(&p->optimistic, false);
        if (!atomic_load(&p->peer_interested)) continue;
        for (int k = 0; k < slots; k++)
            if (!best[k] || r > rate[k]) {
                for (int j = 3; j > k; j--) { best[j] = best[j - 1]; rate[j] = rate[j - 1]; }
                best[k] = p;
                rate[k] = r;
                break;
            }
    }
    /* the optimistic unchoke: every third round a random interested peer outside the best */
    static peer *lucky;
    if (in->round % 3 == 1 || !lucky || !atomic_load(&lucky->active)) {
        lucky = NULL;
        int start = rand() % BT_MAX_PEERS;
        for (int k = 0; k < BT_MAX_PEERS && !lucky; k++) {
            peer *p = &table[(start + k) % BT_MAX_PEERS];
            if (atomic_load(&p->active) && atomic_load(&p->peer_interested) && p != best[0] &&
                p != best[1] && p != best[2] && p != best[3])
                lucky = p;
        }
    }
    for (int k = 0; k < 4; k++) if (best[k]) atomic_store(&best[k]->optimistic, true);
    if (lucky && upload_slots > 1) atomic_store(&lucky->optimistic, true);
    return 0;
}

int SendChokeUnchoke(SendChokeUnchoke_in *in) {
    (void)in;
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        peer *p = &table[i];
        if (!atomic_load(&p->active)) continue;
        set_choke(p, !(unchoke_all || atomic_load(&p->optimistic)));
    }
    return 0;
}

/* ------------------------------------------------------------------ keep-alives */

int KeepAliveTimer(KeepAliveTimer_out *out) {
    static uint64_t round;
    if (!nap(keepalive_ms, NULL)) return ECANCELED;
    out->round = ++round;
    return 0;
}

int SendKeepAlives(SendKeepAlives_in *in) {
    (void)in;
    int64_t now = now_ms();
    static const unsigned char zero[4];
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        peer *p = &table[i];
        if (!atomic_load(&p->active)) continue;
        if (now - atomic_load(&p->last_heard_ms) > 3 * keepalive_ms ||
            send_all(p, zero, 4, NULL, 0) != 0)
            shut(p);
    }
    return 0;
}

/* ------------------------------------------------------------------ the tracker */

/* The announces the tracker accepted: "started" is sent again until one is (a tracker may
 * refuse at first, e.g. before it has read its whitelist), likewise "completed". */
static _Atomic bool announced_started, announced_completed, announce_failed;

int TrackerTimer(TrackerTimer_out *out) {
    static bool first = true;   /* only this source's thread touches it */
    if (!first) {
        long interval = atomic_load(&tracker_interval_ms);
        long wait = interval > 0 && interval < announce_ms ? interval : announce_ms;
        bool early = !atomic_load(&announced_completed) && !atomic_load(&announce_failed);
        if (!nap(wait, early ? &completed_event : NULL)) return ECANCELED;
    }
    first = false;
    announce *a = calloc(1, sizeof *a);   /* freed by GetTrackerResponse or TrackerFailed */
    if (!a) return ENOMEM;
    a->event = "";
    if (!atomic_load(&announced_started)) a->event = "started";
    else if (!atomic_load(&announced_completed) && atomic_load(&completed_event))
        a->event = "completed";
    out->a = a;
    return 0;
}

static void url_escape(char *out, const unsigned char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            *out++ = (char)c;
        } else {
            *out++ = '%'; *out++ = hex[c >> 4]; *out++ = hex[c & 15];
        }
    }
    *out = '\0';
}

/* GET of the announce URL with the query; the body in *body (malloc'd). 0 or an errno. */
static int tracker_get(const char *event, char **body, size_t *length) {
    const char *url = T.announce;
    if (strncmp(url, "http://", 7) != 0) return EPROTONOSUPPORT;
    char host[256], port[16] = "80";
    const char *h = url + 7, *slash = strchr(h, '/'), *colon = strchr(h, ':');
    if (!slash) slash = h + strlen(h);
    const char *hend = colon && colon < slash ? colon : slash;
    if ((size_t)(hend - h) >= sizeof host) return EINVAL;
    memcpy(host, h, (size_t)(hend - h));
    host[hend - h] = '\0';
    if (colon && colon < slash) snprintf(port, sizeof port, "%.*s", (int)(slash - colon - 1), colon + 1);
    char ih[61], pid[61], req[2048];
    url_escape(ih, T.info_hash, 20);
    url_escape(pid, T.peer_id, 20);
    const char *path = *slash ? slash : "/";
    int n = snprintf(req, sizeof req,
                     "GET %s%cinfo_hash=%s&peer_id=%s&port=%d&uploaded=%lld&downloaded=%lld"
                     "&left=%lld&compact=1&numwant=50%s%s HTTP/1.0\r\nHost: %s\r\n"
                     "User-Agent: flux-bittorrent\r\nConnection: close\r\n\r\n",
                     path, strchr(path, '?') ? '&' : '?', ih, pid, our_port,
                     (long long)atomic_load(&uploaded), (long long)atomic_load(&downloaded),
                     (long long)atomic_load(&left_bytes), *event ? "&event=" : "", event, host);
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai;
    if (getaddrinfo(host, port, &hints, &ai) != 0) return EHOSTUNREACH;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int err = fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
              write(fd, req, (size_t)n) != n ? errno : 0;
    freeaddrinfo(ai);
    size_t cap = 1 << 16, len = 0;
    char *buf = err ? NULL : malloc(cap);
    ssize_t r;
    while (buf && len < cap && (r = read(fd, buf + len, cap - len)) > 0) len += (size_t)r;
    if (fd >= 0) close(fd);
    if (err || !buf) { free(buf); return err ? err : ENOMEM; }
    char *start = memmem(buf, len, "\r\n\r\n", 4);
    if (!start || strncmp(buf, "HTTP/1.", 7) != 0 || len < 12 || buf[9] != '2') {
        free(buf);
        return EPROTO;
    }
    start += 4;
    *length = len - (size_t)(start - buf);
    memmove(buf, start, *length);
    *body = buf;
    return 0;
}

int SendRequestToTracker(SendRequestToTracker_in *in, SendRequestToTracker_out *out) {
    out->a = in->a;
    return tracker_get(in->a->event, &in->a->response, &in->a->length);
}

static void add_candidate(uint32_t ip, uint16_t port) {
    if (port == 0) return;
    if (ip == our_host.s_addr && ntohs(port) == our_port) return;   /* ourselves */
    pthread_mutex_lock(&cand_lock);
    bool known = false;
    for (int i = 0; i < ncands && !known; i++)
        known = cands[i].addr.sin_addr.s_addr == ip && cands[i].addr.sin_port == port;
    if (!known && ncands < MAX_CANDIDATES) {
        cands[ncands++] = (candidate){.addr = {.sin_family = AF_INET, .sin_port = port,
                                               .sin_addr = {ip}}};
        pthread_cond_signal(&cand_cond);
    }
    pthread_mutex_unlock(&cand_lock);
}

static int parse_response(announce *a) {
    benc root, v, peers;
    const char *s;
    size_t n;
    int64_t x;
    if (!benc_value(a->response, a->response + a->length, &root) || *root.p != 'd')
        return E_TRACKER;
    if (benc_get(root, "failure reason", &v) && benc_string(v, &s, &n)) {
        fprintf(stderr, "bittorrent: tracker: %.*s\n", (int)n, s);
        return E_TRACKER;
    }
    if (benc_get(root, "interval", &v) && benc_int(v, &x) && x > 0 && x < 86400)
        atomic_store(&tracker_interval_ms, (int)x * 1000);
    if (!benc_get(root, "peers", &peers)) return 0;
    if (benc_string(peers, &s, &n)) {                    /* compact (BEP 23) */
        for (size_t i = 0; i + 6 <= n; i += 6) {
            uint32_t ip;
            uint16_t port;
            memcpy(&ip, s + i, 4);
            memcpy(&port, s + i + 4, 2);
            add_candidate(ip, port);
        }
    } else {                                             /* a list of dictionaries */
        const char *cur = NULL;
        benc d;
        while (benc_next(peers, &cur, &d)) {
            char ipbuf[64];
            struct in_addr ip;
            if (benc_get(d, "ip", &v) && benc_string(v, &s, &n) && n < sizeof ipbuf &&
                benc_get(d, "port", &v) && benc_int(v, &x) && x > 0 && x < 65536) {
                memcpy(ipbuf, s, n);
                ipbuf[n] = '\0';
                if (inet_aton(ipbuf, &ip)) add_candidate(ip.s_addr, htons((uint16_t)x));
            }
        }
    }
    return 0;
}

int GetTrackerResponse(GetTrackerResponse_in *in) {
    int err = parse_response(in->a);
    atomic_store(&announce_failed, err != 0);
    if (err == 0) {
        if (*in->a->event == 's') atomic_store(&announced_started, true);
        if (*in->a->event == 'c') atomic_store(&announced_completed, true);
        free(in->a->response);
        free(in->a);
    }
    return err;
}

void TrackerFailed(CheckinWithTracker_in *in, int err) {
    atomic_store(&announce_failed, true);
    fprintf(stderr, "bittorrent: announce to %s failed: %s\n", T.announce,
            err == E_TRACKER ? "bad response" : strerror(err));
    free(in->a->response);
    free(in->a);
}

/* ------------------------------------------------------------------ start and stop */

int flux_init(int argc, char **argv) {
    const char *torrent = NULL, *dir = ".", *host = "127.0.0.1", *v;
    int port = 6881;
    for (int i = 1; i < argc; i++) {
        if (option(argc, argv, &i, "--dir", &v)) dir = v;
        else if (option(argc, argv, &i, "--host", &v)) host = v;
        else if (option(argc, argv, &i, "--port", &v)) port = atoi(v);
        else if (option(argc, argv, &i, "--announce-ms", &v)) announce_ms = atol(v);
        else if (option(argc, argv, &i, "--choke-ms", &v)) choke_ms = atol(v);
        else if (option(argc, argv, &i, "--keepalive-ms", &v)) keepalive_ms = atol(v);
        else if (option(argc, argv, &i, "--upload-slots", &v)) upload_slots = atoi(v);
        else if (strcmp(argv[i], "--unchoke-all") == 0) unchoke_all = true;
        else if (strcmp(argv[i], "--no-connect") == 0) no_connect = true;
        else if (argv[i][0] != '-' && !torrent) torrent = argv[i];
        else {
            fprintf(stderr, "bittorrent: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!torrent) {
        fprintf(stderr, "usage: bittorrent FILE.torrent [--dir DIR] [--host ADDR] [--port N] "
                        "[--upload-slots N] [--unchoke-all] [--announce-ms N] [--choke-ms N] [--keepalive-ms N]\n");
        return 2;
    }
    if (announce_ms < 100) announce_ms = 100;
    if (choke_ms < 100) choke_ms = 100;
    if (keepalive_ms < 100) keepalive_ms = 100;
    const char *why = load_torrent(torrent, dir);
    if (why) {
        fprintf(stderr, "bittorrent: %s: %s\n", torrent, why);
        return 1;
    }
    have = calloc((size_t)T.npieces, 1);
    dl = calloc((size_t)T.npieces, sizeof *dl);
    if (!have || !dl) return 1;
    for (int64_t i = 0; i < T.npieces; i++) dl[i].owner = -1;
    check_pieces();
    size_t cap = (size_t)T.npieces / 8 + 16;
    if (cap < BT_BLOCK + 64) cap = BT_BLOCK + 64;
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        table[i].slot = i;
        table[i].fd = -1;
        table[i].cap = cap;
        table[i].buf = malloc(cap);
        table[i].has = calloc((size_t)T.npieces, 1);
        pthread_mutex_init(&table[i].wlock, NULL);
        if (!table[i].buf || !table[i].has) return 1;
    }
    srand((unsigned)(time(NULL) ^ getpid()));
    memcpy(T.peer_id, "-FX0100-", 8);
    for (int i = 8; i < 20; i++) T.peer_id[i] = (unsigned char)('0' + rand() % 10);
    if (!inet_aton(host, &our_host)) { fprintf(stderr, "bittorrent: bad host %s\n", host); return 2; }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                               .sin_addr = our_host};
    int one = 1;
    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    socklen_t alen = sizeof addr;
    if (listen_fd < 0 || setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listen_fd, 128) < 0 ||
        getsockname(listen_fd, (struct sockaddr *)&addr, &alen) < 0) {
        fprintf(stderr, "bittorrent: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
        return 1;
    }
    our_port = ntohs(addr.sin_port);
    if (flux_source_local("Listen") != 0) return 1;
    nplaces = flux_places();
    places = calloc((size_t)nplaces, sizeof *places);
    if (!places) return 1;
    for (int i = 0; i < nplaces; i++) {
        place_io *pl = &places[i];
        pthread_mutex_init(&pl->lock, NULL);
        pl->epfd = epoll_create1(EPOLL_CLOEXEC);
        pl->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        /* EPOLLEXCLUSIVE: a new connection wakes one waiting place, not all of them */
        struct epoll_event lev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.u64 = LISTEN_KEY};
        struct epoll_event wev = {.events = EPOLLIN, .data.u64 = WAKE_KEY};
        if (pl->epfd < 0 || pl->wake_fd < 0 ||
            epoll_ctl(pl->epfd, EPOLL_CTL_ADD, listen_fd, &lev) < 0 ||
            epoll_ctl(pl->epfd, EPOLL_CTL_ADD, pl->wake_fd, &wev) < 0)
            return 1;
    }
    printf("listening on tcp://%s:%d\nhave %lld/%lld pieces\n", host, our_port,
           (long long)nhave, (long long)T.npieces);
    if (nhave == T.npieces) { printf("complete\n"); atomic_store(&completed_event, false); }
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    printf("uploaded %lld downloaded %lld bad-pieces %ld\n", (long long)atomic_load(&uploaded),
           (long long)atomic_load(&downloaded), atomic_load(&bad_pieces_total));
    fflush(stdout);
    char *body = NULL;
    size_t n;
    if (tracker_get("stopped", &body, &n) == 0) free(body);
    for (int i = 0; i < BT_MAX_PEERS; i++) {
        if (table[i].fd >= 0) close(table[i].fd);
        free(table[i].buf);
        free(table[i].has);
        pthread_mutex_destroy(&table[i].wlock);
    }
    for (int64_t i = 0; i < T.npieces; i++) { free(dl[i].buf); free(dl[i].got); free(dl[i].req); }
    for (int f = 0; f < T.nfiles; f++) { close(T.files[f].fd); free(T.files[f].path); }
    free(T.files);
    free(T.hashes);
    free(T.announce);
    free(have);
    free(dl);
    close(listen_fd);
    for (int i = 0; i < nplaces; i++) {
        close(places[i].epfd);
        close(places[i].wake_fd);
        pthread_mutex_destroy(&places[i].lock);
    }
    free(places);
}
