/*
 * The C nodes of kvstore.flux: an in-memory key-value store with a line protocol.
 *
 *     kvstore [--port N] [--admin-port N] [--host ADDR] [--snapshot FILE] [--snapshot-ms N]
 *             [--max-connections N] [--idle-timeout-s S] [--request-timeout-s S]
 *             [--send-timeout-s S]
 *
 * Client port, one command per line (CRLF or LF), replies end with CRLF:
 *   GET key          -> VALUE <length> CRLF <value> CRLF      or NOT_FOUND
 *   SET key value    -> STORED          (the value is the rest of the line, up to 64 KiB)
 *   DEL key          -> DELETED         or NOT_FOUND
 *   INCR key         -> <new value>     (a missing key counts as 0)  or ERROR not a number,
 *                                       ERROR increment would overflow (the value stays)
 *   QUIT             -> BYE, then the server closes the connection
 * Admin port: STATS -> STATS keys=.. gets=.. hits=.. sets=.. dels=.. incrs=.. errors=..
 * connections=.. violations=..; FLUSH -> FLUSHED; QUIT.
 * Anything else: ERROR syntax / ERROR unknown command; a line over 64 KiB: ERROR line too
 * long, and the connection is closed.
 *
 * The store is changed only under the writer constraint store and read only under the
 * reader store?. The nodes check it as they run: a writer beside anyone, or a reader beside a
 * writer, counts a violation (STATS shows it; 0 under a correct runtime). INCR is a plain
 * read-modify-write, so concurrent increments are exact only if writers really exclude each
 * other.
 */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

enum { KV_AGAIN = 1, KV_EOF, KV_TOO_LONG, KV_SYNTAX, KV_UNKNOWN, KV_NAN, KV_OVERFLOW, KV_NOMEM };

typedef struct item {
    struct item *next;
    uint64_t hash;
    size_t key_length, value_length;
    char *value;
    char key[];
} item;

static np_set clients;  /* one shard per place: Accept is a local source */
static netpoll admin;
static struct {
    item **buckets;
    size_t nbuckets, count;
} store;
static const char *snapshot_path;
static long snapshot_ms = 1000;
static _Atomic long gets, hits, sets, dels, incrs, errors, violations;
static _Atomic int writers, readers;

/* ------------------------------------------------------------------ the constraint checker */

static void write_enter(void) {
    if (atomic_fetch_add(&writers, 1) != 0 || atomic_load(&readers) != 0)
        atomic_fetch_add(&violations, 1);
}
static void write_exit(void) { atomic_fetch_sub(&writers, 1); }
static void read_enter(void) {
    atomic_fetch_add(&readers, 1);
    if (atomic_load(&writers) != 0) atomic_fetch_add(&violations, 1);
}
static void read_exit(void) { atomic_fetch_sub(&readers, 1); }

/* ------------------------------------------------------------------ the store */

static item **find(const char *key, size_t n) {
    uint64_t h = fnv1a(key, n);
    item **link = &store.buckets[h & (store.nbuckets - 1)];
    while (*link && !((*link)->hash == h && (*link)->key_length == n &&
                      memcmp((*link)->key, key, n) == 0))
        link = &(*link)->next;
    return link;
}

static void grow(void) {
    size_t n = store.nbuckets * 2;
    item **buckets = calloc(n, sizeof *buckets);
    if (!buckets) return;
    for (size_t b = 0; b < store.nbuckets; b++)
        for (item *it = store.buckets[b], *next; it; it = next) {
            next = it->next;
            it->next = buckets[it->hash & (n - 1)];
            buckets[it->hash & (n - 1)] = it;
        }
    free(store.buckets);
    store.buckets = buckets;
    store.nbuckets = n;
}

/* Sets key to value (copied); returns false when out of memory. */
static bool put(const char *key, size_t klen, const char *value, size_t vlen) {
    char *copy = malloc(vlen + 1);
    if (!copy) return false;
    memcpy(copy, value, vlen);
    copy[vlen] = '\0';
    item **link = find(key, klen);
    if (*link) {
        free((*link)->value);
        (*link)->value = copy;
        (*link)->value_length = vlen;
        return true;
    }
    item *it = malloc(sizeof *it + klen + 1);
    if (!it) { free(copy); return false; }
    it->hash = fnv1a(key, klen);
    it->key_length = klen;
    memcpy(it->key, key, klen);
    it->key[klen] = '\0';
    it->value = copy;
    it->value_length = vlen;
    it->next = NULL;
    *link = it;
    if (++store.count > store.nbuckets) grow();
    return true;
}

static void clear(void) {
    for (size_t b = 0; b < store.nbuckets; b++)
        while (store.buckets[b]) {
            item *it = store.buckets[b];
            store.buckets[b] = it->next;
            free(it->value);
            free(it);
        }
    store.count = 0;
}

/* ------------------------------------------------------------------ replies */

static void reply_text(command *cmd, const char *text) {
    cmd->reply = cmd->small;
    cmd->reply_length = (size_t)snprintf(cmd->small, sizeof cmd->small, "%s\r\n", text);
}

static void reply_free(command *cmd) {
    if (cmd->reply != cmd->small) free(cmd->reply);
    cmd->reply = NULL;
    cmd->reply_length = 0;
}

/* Sends a short line, then hands the connection back (consuming the command) or closes it;
 * neither waits for a slow reader (np_send leaves the rest to the source). */
static void answer(connection *conn, const char *text, bool keep) {
    char line[96];
    int n = snprintf(line, sizeof line, "%s\r\n", text);
    struct iovec iov = {line, (size_t)n};
    bool ok = np_send(&conn->base, &iov, 1, 0, -1, 0, 0, NULL, NULL) == 0;
    reply_free(&conn->cmd);
    if (keep && ok) {
        np_consume(&conn->base, conn->cmd.line_length);
        np_rearm(&conn->base);
    } else if (ok) {
        np_close_after_output(&conn->base, 1);
    } else {
        np_close(&conn->base);
    }
}

static const char *error_text(int err) {
    switch (err) {
    case KV_SYNTAX: return "ERROR syntax";
    case KV_UNKNOWN: return "ERROR unknown command";
    case KV_NAN: return "ERROR not a number";
    case KV_OVERFLOW: return "ERROR increment would overflow";
    case KV_TOO_LONG: return "ERROR line too long";
    default: return "ERROR out of memory";
    }
}

/* ------------------------------------------------------------------ nodes */

int Accept(Accept_out *out) {
    np_conn *c;
    if (np_next(&clients.shards[flux_place()], &c) != 0)
        return errno == EAGAIN && !flux_stopping() ? FLUX_NOTHING : 1;
    out->conn = (connection *)c;
    return 0;
}

int AdminAccept(AdminAccept_out *out) {
    np_conn *c;
    if (np_next(&admin, &c) != 0) return 1;
    out->conn = (connection *)c;
    return 0;
}

int ReadCommand(ReadCommand_in *in, ReadCommand_out *out) {
    connection *conn = in->conn;
    np_conn *c = &conn->base;
    command *cmd = &conn->cmd;
    memset(cmd, 0, offsetof(command, small));
    out->conn = conn;
    out->cmd = cmd;
    ssize_t n = np_read_message(c);
    if (n > 0) {
        cmd->line_length = (size_t)n;
        return 0;
    }
    if (n < 0 && errno == EAGAIN) return KV_AGAIN;
    return n < 0 && errno == EMSGSIZE ? KV_TOO_LONG : KV_EOF;
}

int ParseCommand(ParseCommand_in *in, ParseCommand_out *out) {
    connection *conn = in->conn;
    command *cmd = in->cmd;
    out->conn = conn;
    out->cmd = cmd;
    const char *p = conn->base.buf + conn->base.off;
    size_t n = cmd->line_length - 1;
    if (n > 0 && p[n - 1] == '\r') n--;
    const char *end = p + n;
    const char *sp = memchr(p, ' ', n);
    size_t vlen = sp ? (size_t)(sp - p) : n;
    static const struct { const char *word; command_verb verb; int args; } verbs[] = {
        {"GET", CMD_GET, 1}, {"SET", CMD_SET, 2}, {"DEL", CMD_DEL, 1}, {"INCR", CMD_INCR, 1},
        {"STATS", CMD_STATS, 0}, {"FLUSH", CMD_FLUSH, 0}, {"QUIT", CMD_QUIT, 0},
    };
    cmd->verb = CMD_OTHER;
    int args = 0;
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (strlen(verbs[i].word) == vlen && strncasecmp(p, verbs[i].word, vlen) == 0) {
            cmd->verb = verbs[i].verb;
            args = verbs[i].args;
        }
    if (vlen == 0) return KV_SYNTAX;
    if (cmd->verb == CMD_OTHER) return 0;  /* Unknown answers it */
    if (args == 0) {
        if (sp) return KV_SYNTAX;
    } else {
        if (!sp) return KV_SYNTAX;
        cmd->key = sp + 1;
        const char *kend = cmd->key;
        while (kend < end && (unsigned char)*kend > ' ' && *kend != 0x7f) kend++;
        cmd->key_length = (size_t)(kend - cmd->key);
        if (cmd->key_length == 0 || cmd->key_length > KV_KEY_MAX) return KV_SYNTAX;
        if (args == 1 && kend != end) return KV_SYNTAX;
        if (args == 2) {
            if (kend == end || *kend != ' ') return KV_SYNTAX;
            cmd->value = kend + 1;
            cmd->value_length = (size_t)(end - cmd->value);
        }
    }
    if (cmd->verb == CMD_QUIT) {
        cmd->close = true;
        reply_text(cmd, "BYE");
    }
    return 0;
}

bool IsGet(command *cmd) { return cmd->verb == CMD_GET; }
bool IsSet(command *cmd) { return cmd->verb == CMD_SET; }
bool IsDel(command *cmd) { return cmd->verb == CMD_DEL; }
bool IsIncr(command *cmd) { return cmd->verb == CMD_INCR; }
bool IsStats(command *cmd) { return cmd->verb == CMD_STATS; }
bool IsFlush(command *cmd) { return cmd->verb == CMD_FLUSH; }
bool IsQuit(command *cmd) { return cmd->verb == CMD_QUIT; }

int GetValue(GetValue_in *in, GetValue_out *out) {
    command *cmd = in->cmd;
    out->conn = in->conn;
    out->cmd = cmd;
    atomic_fetch_add(&gets, 1);
    read_enter();
    item *it = *find(cmd->key, cmd->key_length);
    int err = 0;
    if (!it) {
        reply_text(cmd, "NOT_FOUND");
    } else {
        size_t cap = it->value_length + 40;
        cmd->reply = cap <= sizeof cmd->small ? cmd->small : malloc(cap);
        if (!cmd->reply) {
            err = KV_NOMEM;
        } else {
            int n = snprintf(cmd->reply, cap, "VALUE %zu\r\n", it->value_length);
            memcpy(cmd->reply + n, it->value, it->value_length);
            memcpy(cmd->reply + n + it->value_length, "\r\n", 2);
            cmd->reply_length = (size_t)n + it->value_length + 2;
            atomic_fetch_add(&hits, 1);
        }
    }
    read_exit();
    return err;
}

int SetValue(SetValue_in *in, SetValue_out *out) {
    command *cmd = in->cmd;
    out->conn = in->conn;
    out->cmd = cmd;
    atomic_fetch_add(&sets, 1);
    write_enter();
    bool ok = put(cmd->key, cmd->key_length, cmd->value, cmd->value_length);
    write_exit();
    if (!ok) return KV_NOMEM;
    reply_text(cmd, "STORED");
    return 0;
}

int DeleteValue(DeleteValue_in *in, DeleteValue_out *out) {
    command *cmd = in->cmd;
    out->conn = in->conn;
    out->cmd = cmd;
    atomic_fetch_add(&dels, 1);
    write_enter();
    item **link = find(cmd->key, cmd->key_length);
    item *it = *link;
    if (it) {
        *link = it->next;
        store.count--;
        free(it->value);
        free(it);
    }
    write_exit();
    reply_text(cmd, it ? "DELETED" : "NOT_FOUND");
    return 0;
}

int Increment(Increment_in *in, Increment_out *out) {
    command *cmd = in->cmd;
    out->conn = in->conn;
    out->cmd = cmd;
    atomic_fetch_add(&incrs, 1);
    write_enter();
    item *it = *find(cmd->key, cmd->key_length);
    long long v = 0;
    int err = 0;
    if (it) {
        char *end;
        errno = 0;
        v = strtoll(it->value, &end, 10);
        if (it->value_length == 0 || end != it->value + it->value_length || errno) err = KV_NAN;
        else if (v == LLONG_MAX) err = KV_OVERFLOW;  /* the value stays as it is */
    }
    char digits[32];
    if (!err) {
        int n = snprintf(digits, sizeof digits, "%lld", v + 1);
        if (!put(cmd->key, cmd->key_length, digits, (size_t)n)) err = KV_NOMEM;
    }
    write_exit();
    if (!err) reply_text(cmd, digits);
    return err;
}

int Stats(Stats_in *in, Stats_out *out) {
    command *cmd = in->cmd;
    out->conn = in->conn;
    out->cmd = cmd;
    read_enter();
    size_t keys = store.count;
    read_exit();
    cmd->reply = cmd->small;
    cmd->reply_length = (size_t)snprintf(
        cmd->small, sizeof cmd->small,
        "STATS keys=%zu gets=%ld hits=%ld sets=%ld dels=%ld incrs=%ld errors=%ld "
        "connections=%ld violations=%ld\r\n",
        keys, atomic_load(&gets), atomic_load(&hits), atomic_load(&sets), atomic_load(&dels),
        atomic_load(&incrs), atomic_load(&errors), np_set_accepted(&clients),
        atomic_load(&violations));
    if (cmd->reply_length >= sizeof cmd->small) cmd->reply_length = sizeof cmd->small - 1;
    return 0;
}

int Flush(Flush_in *in, Flush_out *out) {
    out->conn = in->conn;
    out->cmd = in->cmd;
    write_enter();
    clear();
    write_exit();
    reply_text(in->cmd, "FLUSHED");
    return 0;
}

int Unknown(Unknown_in *in, Unknown_out *out) {
    out->conn = in->conn;
    out->cmd = in->cmd;
    return KV_UNKNOWN;
}

int Reply(Reply_in *in, Reply_out *out) {
    out->conn = in->conn;
    out->cmd = in->cmd;
    /* What the socket does not take now, the source sends as it drains (a copy). */
    struct iovec iov = {in->cmd->reply, in->cmd->reply_length};
    return np_send(&in->conn->base, &iov, 1, 0, -1, 0, 0, NULL, NULL) ? KV_EOF : 0;
}

int Done(Done_in *in) {
    connection *conn = in->conn;
    reply_free(in->cmd);
    if (in->cmd->close) {
        np_close_after_output(&conn->base, 0);
    } else {
        np_consume(&conn->base, in->cmd->line_length);
        np_rearm(&conn->base);
    }
    return 0;
}

/* ------------------------------------------------------------------ handlers */

void ReadFailed(ReadCommand_in *in, int err) {
    if (err == KV_AGAIN) {
        np_rearm(&in->conn->base);
    } else if (err == KV_EOF) {
        np_close(&in->conn->base);
    } else {
        atomic_fetch_add(&errors, 1);
        answer(in->conn, error_text(err), false);
    }
}

void BadCommand(ParseCommand_in *in, int err) {
    atomic_fetch_add(&errors, 1);
    answer(in->conn, error_text(err), true);
}

void CommandFailed(Execute_in *in, int err) {
    atomic_fetch_add(&errors, 1);
    answer(in->conn, error_text(err), true);
}

void AdminFailed(AdminExecute_in *in, int err) {
    atomic_fetch_add(&errors, 1);
    answer(in->conn, error_text(err), true);
}

void Hangup(Command_in *in, int err) {
    (void)err;
    reply_free(&in->conn->cmd);
    np_close(&in->conn->base);
}

void AdminHangup(Admin_in *in, int err) {
    (void)err;
    reply_free(&in->conn->cmd);
    np_close(&in->conn->base);
}

/* ------------------------------------------------------------------ snapshots
 *
 * The file: a line "kvstore snapshot 2", then per key a line "KEY LENGTH" followed by the
 * LENGTH bytes of the value (any bytes, NUL and newlines too) and a newline, then a line
 * "end COUNT". A snapshot is copied into memory under the reader constraint (CopyStore), then
 * written without it (SaveSnapshot), so SET waits only for the copy. One snapshot runs at a
 * time (a tick while one runs is skipped) and none is ever torn: each is written to a
 * temporary file of its own, synced, renamed over the snapshot, and the directory synced. A
 * file of the first format ("KEY VALUE" lines) still loads.
 */

#define SNAPSHOT_MAGIC "kvstore snapshot 2\n"

static _Atomic int snapshot_running;  /* a snapshot flow is between its timer and its end */
static _Atomic long snapshots_skipped;

static bool append(snapshot_job *job, const void *bytes, size_t n) {
    if (job->length + n > job->cap) {
        size_t cap = job->cap ? job->cap : 4096;
        while (cap < job->length + n) cap *= 2;
        char *data = realloc(job->data, cap);
        if (!data) return false;
        job->data = data;
        job->cap = cap;
    }
    memcpy(job->data + job->length, bytes, n);
    job->length += n;
    return true;
}

/* Appends "WORD LENGTH\n" (the record head; "end COUNT" closes the file). */
static bool append_head(snapshot_job *job, const char *word, size_t n, size_t length) {
    char digits[24];
    size_t d = sizeof digits;
    do digits[--d] = (char)('0' + length % 10);
    while ((length /= 10) != 0);
    return append(job, word, n) && append(job, " ", 1) &&
           append(job, digits + d, sizeof digits - d) && append(job, "\n", 1);
}

/* The snapshot of the store in job->data (call it with the store readable: it runs under
 * store?, so it only copies, sized for the whole store at once). */
static int serialize(snapshot_job *job) {
    size_t need = sizeof SNAPSHOT_MAGIC + 32;
    for (size_t b = 0; b < store.nbuckets; b++)
        for (item *it = store.buckets[b]; it; it = it->next)
            need += it->key_length + it->value_length + 24;
    job->length = 0;
    if (job->cap < need) {
        char *data = realloc(job->data, need);
        if (!data) return ENOMEM;
        job->data = data;
        job->cap = need;
    }
    bool ok = append(job, SNAPSHOT_MAGIC, sizeof SNAPSHOT_MAGIC - 1);
    for (size_t b = 0; ok && b < store.nbuckets; b++)
        for (item *it = store.buckets[b]; ok && it; it = it->next)
            ok = append_head(job, it->key, it->key_length, it->value_length) &&
                 append(job, it->value, it->value_length) && append(job, "\n", 1);
    return ok && append_head(job, "end", 3, store.count) ? 0 : ENOMEM;
}

static void job_free(snapshot_job *job) {
    free(job->data);
    free(job);
}

/* Writes data to a new temporary file beside path, syncs it, renames it over path and syncs
 * the directory. Returns 0 or an errno (path is then unchanged and the temporary removed). */
static int save(const char *path, const char *data, size_t length) {
    char tmp[PATH_MAX], dir[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) return ENAMETOOLONG;
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) return errno;
    int err = 0;
    for (size_t done = 0; done < length && !err;) {
        ssize_t n = write(fd, data + done, length - done);
        if (n > 0) done += (size_t)n;
        else if (n < 0 && errno != EINTR) err = errno;
    }
    if (!err && fsync(fd) != 0) err = errno;
    if (close(fd) != 0 && !err) err = errno;
    if (!err && rename(tmp, path) != 0) err = errno;
    if (err) {
        unlink(tmp);
        return err;
    }
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir) slash[1] = '\0';
    else if (slash) *slash = '\0';
    else strcpy(dir, ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return errno;
    if (fsync(dfd) != 0) err = errno;
    close(dfd);
    return err;
}

int SnapshotTimer(SnapshotTimer_out *out) {
    /* Without a snapshot file this source never starts a flow: it just waits for shutdown. */
    long wait_ms = snapshot_path ? snapshot_ms : 1000;
    for (;;) {
        struct timespec ts = {.tv_sec = wait_ms / 1000, .tv_nsec = (wait_ms % 1000) * 1000000L};
        if (nanosleep(&ts, NULL) != 0 || flux_stopping()) return 1;
        if (!snapshot_path) continue;
        if (atomic_exchange(&snapshot_running, 1)) {  /* the last one is still being written */
            atomic_fetch_add(&snapshots_skipped, 1);
            continue;
        }
        snapshot_job *job = calloc(1, sizeof *job);
        if (!job) {
            atomic_store(&snapshot_running, 0);
            continue;
        }
        job->path = snapshot_path;
        out->job = job;
        return 0;
    }
}

int CopyStore(CopyStore_in *in, CopyStore_out *out) {
    out->job = in->job;
    read_enter();
    int err = serialize(in->job);
    read_exit();
    return err;
}

int SaveSnapshot(SaveSnapshot_in *in) {
    snapshot_job *job = in->job;
    int err = save(job->path, job->data, job->length);
    if (err) return err;  /* SnapshotFailed frees the job */
    job_free(job);
    atomic_store(&snapshot_running, 0);
    return 0;
}

void SnapshotFailed(Snapshot_in *in, int err) {
    fprintf(stderr, "kvstore: snapshot %s: %s (the previous snapshot stays)\n", in->job->path,
            strerror(err));
    job_free(in->job);
    atomic_store(&snapshot_running, 0);
}

/* Loads a snapshot of either format. Returns false (with a message) when the file exists but
 * is damaged: then the server does not start, so no later snapshot can overwrite it. */
static bool load(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) return true;
        fprintf(stderr, "kvstore: snapshot %s: %s\n", path, strerror(errno));
        return false;
    }
    char *line = NULL, *value = NULL;
    size_t cap = 0, count = 0;
    ssize_t n = getline(&line, &cap, f);
    bool ok = true, ended = false, current = n == (ssize_t)sizeof SNAPSHOT_MAGIC - 1 &&
                                            memcmp(line, SNAPSHOT_MAGIC, (size_t)n) == 0;
    if (current) {
        while (ok && !ended && (n = getline(&line, &cap, f)) > 0) {
            size_t length, expected;
            char *sp = strchr(line, ' '), *end;
            if (line[n - 1] != '\n' || !sp || sp == line) { ok = false; break; }
            line[--n] = '\0';
            errno = 0;
            length = strtoull(sp + 1, &end, 10);
            if (*end || errno || sp[1] < '0' || sp[1] > '9') { ok = false; break; }
            if (sp - line == 3 && memcmp(line, "end", 3) == 0) {
                expected = length;
                ended = expected == count;
                ok = ended;
                break;
            }
            free(value);
            value = malloc(length + 1);
            ok = value && fread(value, 1, length + 1, f) == length + 1 && value[length] == '\n' &&
                 put(line, (size_t)(sp - line), value, length);
            count += ok;
        }
        ok = ok && ended && fgetc(f) == EOF;
    } else {  /* the first format: "KEY VALUE" lines */
        while (n > 0) {
            if (line[n - 1] == '\n') line[--n] = '\0';
            char *sp = strchr(line, ' ');
            if (sp && sp > line) put(line, (size_t)(sp - line), sp + 1, (size_t)(line + n - sp - 1));
            n = getline(&line, &cap, f);
        }
    }
    if (!ok)
        fprintf(stderr, "kvstore: snapshot %s is damaged (%zu whole keys before the damage); "
                "move it away to start without it\n", path, count);
    free(line);
    free(value);
    fclose(f);
    return ok;
}

/* ------------------------------------------------------------------ start and stop */

int flux_init(int argc, char **argv) {
    const char *host = "127.0.0.1", *v;
    int port = 6380, admin_port = 0, limit;
    np_limits limits = {0};
    for (int i = 0; i < argc; i++) {
        if ((limit = np_limit_option(argc, argv, &i, &limits)) != 0) {
            if (limit < 0) return 2;
        } else if (option(argc, argv, &i, "--port", &v)) port = atoi(v);
        else if (option(argc, argv, &i, "--admin-port", &v)) admin_port = atoi(v);
        else if (option(argc, argv, &i, "--host", &v)) host = v;
        else if (option(argc, argv, &i, "--snapshot", &v)) snapshot_path = v;
        else if (option(argc, argv, &i, "--snapshot-ms", &v)) snapshot_ms = atol(v);
        else if (i > 0 || argv[i][0] == '-') {
            fprintf(stderr, "kvstore: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (snapshot_ms < 1) snapshot_ms = 1;
    store.nbuckets = 1024;
    store.buckets = calloc(store.nbuckets, sizeof *store.buckets);
    if (!store.buckets) return 1;
    if (snapshot_path && !load(snapshot_path)) return 1;
    if (flux_source_local("Accept") != 0 ||
        np_open_set(&clients, flux_places(), host, port, sizeof(connection), KV_LINE_MAX,
                    np_line_length, flux_stopping, flux_poll_wait) < 0 ||
        np_open(&admin, host, admin_port, sizeof(connection), KV_LINE_MAX, np_line_length,
                flux_stopping) < 0) {
        fprintf(stderr, "kvstore: cannot listen on %s: %s\n", host, strerror(errno));
        return 1;
    }
    np_set_limits(&clients, &limits);
    np_limits_apply(&admin, &limits);
    printf("listening on tcp://%s:%d\nadmin on tcp://%s:%d\n", host, clients.port, host,
           admin.port);
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    np_free_set(&clients);
    np_free(&admin);
    if (snapshot_path) {  /* no flow runs now: the last snapshot */
        snapshot_job job = {.path = snapshot_path};
        int err = serialize(&job);
        if (!err) err = save(snapshot_path, job.data, job.length);
        if (err) fprintf(stderr, "kvstore: snapshot %s: %s\n", snapshot_path, strerror(err));
        free(job.data);
    }
    clear();
    free(store.buckets);
    store.buckets = NULL;
}
