/*
 * The C nodes of gameserver.flux: multiplayer tag over UDP.
 *
 *     gameserver [--port N] [--host ADDR] [--tick-ms N] [--idle-s N] [--size N] [--max-players N]
 *
 * Protocol: one text command per datagram.
 *   JOIN name     -> CHALLENGE token          (from an address that is not a player yet)
 *   JOIN name token -> WELCOME id x y size    (name: 1-16 of [A-Za-z0-9_-]; REJECT already joined)
 *   MOVE dx dy    -> (nothing; -1 <= dx, dy <= 1, the world wraps around)   or REJECT reason
 *   CHAT text     -> CHAT id name: text, to every player
 *   WHO           -> YOU id name x y moves tagged it violations players
 *   LEAVE         -> BYE
 *   malformed     -> ERROR reason
 * Every tick each player gets: TICK n it count id:x,y id:x,y ...
 * "it" tags a player by moving onto its cell; the tagged player becomes "it".
 *
 * Joining takes two datagrams, as in Quake's getchallenge/connect: a UDP source address is
 * not proof of anything, so the first JOIN from an address only gets a token (a keyed hash
 * of the address and the current 30-second period; the server keeps no state for it), and
 * only a JOIN that echoes the token gets a player id. Datagrams from an address that is not
 * a player take no id and no slot (they are answered REJECT join first), so a flood from
 * spoofed or many source ports cannot fill the table that real players need.
 *
 * The constraint checker: every node that holds a constraint as a writer marks itself inside
 * (an atomic counter per constraint instance) and every reader checks that no writer is; a
 * second writer or a reader beside a writer counts a violation, reported by WHO. Under a
 * correct runtime the count stays 0.
 */
#define _GNU_SOURCE
#include "flux_nodes.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

enum { E_MALFORMED = 1, E_BAD_NAME, E_NOT_JOINED, E_TOO_FAST, E_FULL, E_JOINED, E_TOKEN,
       E_INTERNAL };

static const char *why(int err) {
    switch (err) {
    case E_MALFORMED: return "malformed command";
    case E_BAD_NAME: return "bad name";
    case E_NOT_JOINED: return "join first";
    case E_TOO_FAST: return "too fast";
    case E_FULL: return "server full";
    case E_JOINED: return "already joined";
    case E_TOKEN: return "bad or expired token (JOIN again)";
    default: return "internal error";
    }
}

#define BUCKETS 1024

static int udp_fd = -1;
static int tick_ms = 50, size = 64, max_players = 256;
static int64_t idle_ms = 30000;

/* The table of players: constraint clients (every change also holds world). */
static struct { player **items; int count, cap; } players;

/* The world: constraint world. */
static struct { uint64_t tick; player_id it; } world;

/* The constraint checker. */
static _Atomic long violations;
static _Atomic int world_writers, world_readers;

static void world_write_enter(void) {
    if (atomic_fetch_add(&world_writers, 1) != 0 || atomic_load(&world_readers) != 0)
        atomic_fetch_add(&violations, 1);
}
static void world_write_exit(void) { atomic_fetch_sub(&world_writers, 1); }
static void world_read_enter(void) {
    atomic_fetch_add(&world_readers, 1);
    if (atomic_load(&world_writers) != 0) atomic_fetch_add(&violations, 1);
}
static void world_read_exit(void) { atomic_fetch_sub(&world_readers, 1); }
static void player_write_enter(player *p) {
    if (atomic_fetch_add(&p->writing, 1) != 0) atomic_fetch_add(&violations, 1);
}
static void player_write_exit(player *p) { atomic_fetch_sub(&p->writing, 1); }
static void player_read_check(player *p) {
    if (atomic_load(&p->writing) != 0) atomic_fetch_add(&violations, 1);
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void send_to(const struct sockaddr_in *to, const char *text, size_t n) {
    sendto(udp_fd, text, n, MSG_DONTWAIT | MSG_NOSIGNAL, (const struct sockaddr *)to, sizeof *to);
}

static player *find_player(player_id id) {
    for (int i = 0; i < players.count; i++)
        if (players.items[i]->id == id) return players.items[i];
    return NULL;
}

static void remove_player(player *p) {
    for (int i = 0; i < players.count; i++)
        if (players.items[i] == p) {
            players.items[i] = players.items[--players.count];
            break;
        }
    if (world.it == p->id) world.it = 0;
    free(p);
}

/* ------------------------------------------------------------------ the source's address map
 * Private to ReceiveMessage (a source runs in one loop): client address -> player id. */

typedef struct addr_entry {
    struct sockaddr_in addr;
    player_id id;
    int64_t seen_ms;
    struct addr_entry *next;
} addr_entry;

static addr_entry *addr_map[BUCKETS];
static int addr_count;
static player_id next_id;

static unsigned addr_hash(const struct sockaddr_in *a) {
    return (a->sin_addr.s_addr * 2654435761u ^ a->sin_port * 40503u) % BUCKETS;
}

static bool same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b) {
    return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

static void addr_purge(int64_t now) {
    for (int b = 0; b < BUCKETS; b++)
        for (addr_entry **e = &addr_map[b]; *e;) {
            if (now - (*e)->seen_ms > 2 * idle_ms) {
                addr_entry *gone = *e;
                *e = gone->next;
                free(gone);
                addr_count--;
            } else {
                e = &(*e)->next;
            }
        }
}

/* --- join tokens: SipHash-2-4 of (address, port, period) under a key drawn at start -------- */

#define TOKEN_PERIOD_MS 30000
#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                                        \
    do {                                                                                \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);                       \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                                          \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                                          \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);                       \
    } while (0)

static uint64_t token_key[2];

/* SipHash-2-4 of two 64-bit words (16 bytes, little-endian) under token_key. */
static uint64_t siphash2(uint64_t m0, uint64_t m1) {
    uint64_t v0 = 0x736f6d6570736575ull ^ token_key[0], v1 = 0x646f72616e646f6dull ^ token_key[1];
    uint64_t v2 = 0x6c7967656e657261ull ^ token_key[0], v3 = 0x7465646279746573ull ^ token_key[1];
    uint64_t words[3] = {m0, m1, (uint64_t)16 << 56};
    for (int i = 0; i < 3; i++) {
        v3 ^= words[i];
        SIPROUND;
        SIPROUND;
        v0 ^= words[i];
    }
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

static uint64_t token_for(const struct sockaddr_in *from, int64_t period) {
    uint64_t address = (uint64_t)from->sin_addr.s_addr << 16 | from->sin_port;
    return siphash2(address, (uint64_t)period);
}

/* Whether text (after "JOIN name ") is the token of this address, this period or the last. */
static bool token_valid(const struct sockaddr_in *from, const char *text) {
    char *end;
    errno = 0;
    uint64_t token = strtoull(text, &end, 16);
    if (errno || end - text != 16 || (*end && *end != '\r' && *end != '\n')) return false;
    int64_t period = now_ms() / TOKEN_PERIOD_MS;
    return token == token_for(from, period) || token == token_for(from, period - 1);
}

/* The token of a "JOIN name token" datagram (NULL without one). */
static const char *join_token(const datagram *d) {
    if (strncmp(d->data, "JOIN ", 5) != 0) return NULL;
    const char *sp = strchr(d->data + 5, ' ');
    return sp ? sp + 1 : NULL;
}

/* The player id of a datagram's sender: its id if the address has one; a new id for a JOIN
 * with a valid token; else 0 (not a player: nothing is kept for it). LEAVE forgets the
 * address, so joining again later gives a new id. 0 also when the map is full. */
static player_id addr_player(const datagram *d, bool leave) {
    const struct sockaddr_in *from = &d->from;
    int64_t now = now_ms();
    addr_entry **e = &addr_map[addr_hash(from)];
    while (*e && !same_addr(&(*e)->addr, from)) e = &(*e)->next;
    if (*e && leave) {
        addr_entry *gone = *e;
        player_id id = gone->id;
        *e = gone->next;
        free(gone);
        addr_count--;
        return id;
    }
    if (*e) {
        (*e)->seen_ms = now;
        return (*e)->id;
    }
    const char *token = join_token(d);
    if (!token || !token_valid(from, token)) return 0;
    if (addr_count >= 4 * max_players) addr_purge(now);
    if (addr_count >= 4 * max_players) return 0;
    addr_entry *fresh = calloc(1, sizeof *fresh);
    if (!fresh) return 0;
    fresh->addr = *from;
    fresh->id = ++next_id;
    fresh->seen_ms = now;
    fresh->next = addr_map[addr_hash(from)];
    addr_map[addr_hash(from)] = fresh;
    addr_count++;
    return fresh->id;
}

/* ------------------------------------------------------------------ message flows */

int ReceiveMessage(ReceiveMessage_out *out) {
    datagram *d = malloc(sizeof *d);
    if (!d) return E_INTERNAL;
    for (;;) {
        socklen_t alen = sizeof d->from;
        ssize_t n = recvfrom(udp_fd, d->data, GS_DATAGRAM_MAX, 0, (struct sockaddr *)&d->from,
                             &alen);
        if (n < 0) {
            if ((errno == EAGAIN || errno == EINTR) && !flux_stopping()) continue;
            free(d);
            return 1;  /* shutting down (the runtime interrupts the wait with a signal) */
        }
        d->length = (size_t)n;
        d->data[n] = '\0';
        player_id id = addr_player(d, strncmp(d->data, "LEAVE", 5) == 0);
        if (id == 0 && strncmp(d->data, "JOIN ", 5) == 0 && !join_token(d)) {
            /* A first JOIN: the token, and nothing kept (no flow, no id, no slot). */
            char line[64];
            int len = snprintf(line, sizeof line, "CHALLENGE %016llx\n",
                               (unsigned long long)token_for(&d->from, now_ms() / TOKEN_PERIOD_MS));
            send_to(&d->from, line, (size_t)len);
            continue;
        }
        out->player = id;
        out->packet = d;
        return 0;
    }
}

uint64_t PlayerSession(Message_in *in) { return in->player; }

int Decode(Decode_in *in, Decode_out *out) {
    datagram *d = in->packet;
    char *text = d->data;
    size_t n = d->length;
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r')) text[--n] = '\0';
    if (n == 0 || memchr(text, '\0', n)) return E_MALFORMED;
    game_message *m = calloc(1, sizeof *m);
    if (!m) return E_INTERNAL;
    int consumed = 0;
    if (strncmp(text, "JOIN ", 5) == 0) {
        const char *sp = strchr(text + 5, ' ');  /* the token follows the name */
        size_t len = sp ? (size_t)(sp - (text + 5)) : strlen(text + 5);
        if (len == 0 || len > GS_NAME_MAX || strspn(text + 5, "abcdefghijklmnopqrstuvwxyz"
                                                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != len ||
            (sp && strspn(sp + 1, "0123456789abcdef") != strlen(sp + 1))) {
            free(m);
            return E_BAD_NAME;
        }
        text[5 + len] = '\0';
        m->type = MSG_JOIN;
        memcpy(m->name, text + 5, len + 1);
    } else if (strncmp(text, "MOVE ", 5) == 0) {
        if (sscanf(text + 5, "%d %d%n", &m->dx, &m->dy, &consumed) != 2 || text[5 + consumed]) {
            free(m);
            return E_MALFORMED;
        }
        m->type = MSG_MOVE;
    } else if (strncmp(text, "CHAT ", 5) == 0 && n > 5 && n <= 205) {
        m->type = MSG_CHAT;
        m->text = text + 5;
    } else if (strcmp(text, "LEAVE") == 0) {
        m->type = MSG_LEAVE;
    } else if (strcmp(text, "WHO") == 0) {
        m->type = MSG_QUERY;
    } else if (strncmp(text, "JOIN", 4) == 0 || strncmp(text, "MOVE", 4) == 0 ||
               strncmp(text, "CHAT", 4) == 0) {
        free(m);
        return E_MALFORMED;
    } else {
        m->type = MSG_OTHER;
    }
    m->packet = d;
    out->player = in->player;
    out->msg = m;
    return 0;
}

bool IsJoin(game_message *msg) { return msg->type == MSG_JOIN; }
bool IsMove(game_message *msg) { return msg->type == MSG_MOVE; }
bool IsChat(game_message *msg) { return msg->type == MSG_CHAT; }
bool IsLeave(game_message *msg) { return msg->type == MSG_LEAVE; }
bool IsQuery(game_message *msg) { return msg->type == MSG_QUERY; }

int Join(Join_in *in, Join_out *out) {
    out->player = in->player;
    out->msg = in->msg;
    if (in->player == 0) return E_TOKEN;  /* the source gave the address no id */
    if (players.count >= max_players) return E_FULL;
    if (find_player(in->player)) return E_JOINED;
    player *p = calloc(1, sizeof *p);
    if (!p) return E_INTERNAL;
    if (players.count == players.cap) {
        int cap = players.cap ? players.cap * 2 : 64;
        player **items = realloc(players.items, (size_t)cap * sizeof *items);
        if (!items) { free(p); return E_INTERNAL; }
        players.items = items;
        players.cap = cap;
    }
    world_write_enter();
    player_write_enter(p);
    p->id = in->player;
    p->addr = in->msg->packet->from;
    memcpy(p->name, in->msg->name, sizeof p->name);
    p->x = (int)((p->id * 7919u) % (unsigned)size);
    p->y = (int)((p->id * 104729u) % (unsigned)size);
    atomic_store(&p->last_ms, now_ms());
    players.items[players.count++] = p;
    if (world.it == 0) world.it = p->id;
    char reply[96];
    int n = snprintf(reply, sizeof reply, "WELCOME %llu %d %d %d\n", (unsigned long long)p->id,
                     p->x, p->y, size);
    player_write_exit(p);
    world_write_exit();
    send_to(&in->msg->packet->from, reply, (size_t)n);
    return 0;
}

int ValidateMove(ValidateMove_in *in, ValidateMove_out *out) {
    out->player = in->player;
    out->msg = in->msg;
    player *p = find_player(in->player);
    if (!p) return E_NOT_JOINED;
    /* A plain read-modify-write of the player's record: only the session constraint
     * player(session), held by Move, keeps two moves of one player from losing a count. */
    player_write_enter(p);
    long moves = p->moves;
    int dx = in->msg->dx, dy = in->msg->dy;
    bool legal = dx >= -1 && dx <= 1 && dy >= -1 && dy <= 1;
    if (legal) p->moves = moves + 1;
    atomic_store(&p->last_ms, now_ms());
    player_write_exit(p);
    return legal ? 0 : E_TOO_FAST;
}

int ApplyMove(ApplyMove_in *in, ApplyMove_out *out) {
    out->player = in->player;
    out->msg = in->msg;
    player *p = find_player(in->player);
    if (!p) return E_NOT_JOINED;
    world_write_enter();
    p->x = ((p->x + in->msg->dx) % size + size) % size;
    p->y = ((p->y + in->msg->dy) % size + size) % size;
    if (world.it == p->id)
        for (int i = 0; i < players.count; i++) {
            player *q = players.items[i];
            if (q != p && q->x == p->x && q->y == p->y) {  /* tagged: q is "it" now */
                q->tagged++;
                world.it = q->id;
                break;
            }
        }
    world_write_exit();
    return 0;
}

int Chat(Chat_in *in, Chat_out *out) {
    out->player = in->player;
    out->msg = in->msg;
    player *p = find_player(in->player);
    if (!p) return E_NOT_JOINED;
    player_read_check(p);
    atomic_store(&p->last_ms, now_ms());
    char line[GS_DATAGRAM_MAX + 64];
    int n = snprintf(line, sizeof line, "CHAT %llu %s: %s\n", (unsigned long long)p->id, p->name,
                     in->msg->text);
    for (int i = 0; i < players.count; i++) send_to(&players.items[i]->addr, line, (size_t)n);
    return 0;
}

int Leave(Leave_in *in, Leave_out *out) {
    out->player = in->player;
    out->msg = in->msg;
    player *p = find_player(in->player);
    if (!p) return E_NOT_JOINED;
    world_write_enter();
    player_write_enter(p);
    player_write_exit(p);
    remove_player(p);
    world_write_exit();
    send_to(&in->msg->packet->from, "BYE\n", 4);
    return 0;
}

int Query(Query_in *in, Query_out *out) {
    out->player = in->player;
    out->msg = in->msg;
    player *p = find_player(in->player);
    if (!p) return E_NOT_JOINED;
    world_read_enter();
    player_read_check(p);
    atomic_store(&p->last_ms, now_ms());
    char reply[160];
    int n = snprintf(reply, sizeof reply, "YOU %llu %s %d %d %ld %ld %d %ld %d\n",
                     (unsigned long long)p->id, p->name, p->x, p->y, p->moves, p->tagged,
                     world.it == p->id, atomic_load(&violations), players.count);
    world_read_exit();
    send_to(&in->msg->packet->from, reply, (size_t)n);
    return 0;
}

static void message_free(game_message *m) {
    if (m) free(m->packet);
    free(m);
}

int FreeMessage(FreeMessage_in *in) {
    message_free(in->msg);
    return 0;
}

/* ------------------------------------------------------------------ handlers */

static void reply_error(const struct sockaddr_in *to, const char *kind, int err) {
    char line[96];
    int n = snprintf(line, sizeof line, "%s %s\n", kind, why(err));
    send_to(to, line, (size_t)n);
}

void ProtocolError(Decode_in *in, int err) {
    reply_error(&in->packet->from, "ERROR", err);
    free(in->packet);
}

void RejectMove(Move_in *in, int err) {
    reply_error(&in->msg->packet->from, "REJECT", err);
    message_free(in->msg);
}

void Refuse(Handle_in *in, int err) {
    reply_error(&in->msg->packet->from, "REJECT", err);
    message_free(in->msg);
}

/* ------------------------------------------------------------------ the tick */

int WaitForTick(WaitForTick_out *out) {
    static struct timespec next;
    static uint64_t ticks;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    next.tv_nsec += tick_ms * 1000000L;
    while (next.tv_nsec >= 1000000000L) { next.tv_sec++; next.tv_nsec -= 1000000000L; }
    if (next.tv_sec < now.tv_sec - 1) next = now;  /* first tick, or far behind: resynchronise */
    int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    if (r != 0 && flux_stopping()) return 1;
    out->tick = ++ticks;
    return 0;
}

int GetClients(GetClients_in *in, GetClients_out *out) {
    out->tick = in->tick;
    client_list *list = calloc(1, sizeof *list);
    if (!list) return E_INTERNAL;
    world_write_enter();
    int64_t now = now_ms();
    for (int i = players.count - 1; i >= 0; i--)
        if (now - atomic_load(&players.items[i]->last_ms) > idle_ms)
            remove_player(players.items[i]);
    list->clients = malloc((size_t)(players.count ? players.count : 1) * sizeof *list->clients);
    if (list->clients) {
        for (int i = 0; i < players.count; i++) {
            list->clients[i].id = players.items[i]->id;
            list->clients[i].addr = players.items[i]->addr;
        }
        list->count = players.count;
    }
    world_write_exit();
    out->clients = list;
    return 0;
}

int StepWorld(StepWorld_in *in, StepWorld_out *out) {
    out->tick = in->tick;
    out->clients = in->clients;
    world_write_enter();
    world.tick = in->tick;
    if (world.it == 0 || !find_player(world.it)) {
        world.it = 0;
        for (int i = 0; i < players.count; i++)
            if (world.it == 0 || players.items[i]->id < world.it) world.it = players.items[i]->id;
    }
    world_write_exit();
    return 0;
}

int Snapshot(Snapshot_in *in, Snapshot_out *out) {
    out->tick = in->tick;
    out->clients = in->clients;
    world_snapshot *s = malloc(sizeof *s);
    if (!s) return E_INTERNAL;
    world_read_enter();
    int n = snprintf(s->data, sizeof s->data, "TICK %llu %llu %d",
                     (unsigned long long)world.tick, (unsigned long long)world.it, players.count);
    for (int i = 0; i < players.count && n < (int)sizeof s->data - 40; i++)
        n += snprintf(s->data + n, sizeof s->data - (size_t)n, " %llu:%d,%d",
                      (unsigned long long)players.items[i]->id, players.items[i]->x,
                      players.items[i]->y);
    world_read_exit();
    s->data[n++] = '\n';
    s->length = (size_t)n;
    out->snap = s;
    return 0;
}

int SendToAll(SendToAll_in *in, SendToAll_out *out) {
    for (int i = 0; i < in->clients->count; i++)
        send_to(&in->clients->clients[i].addr, in->snap->data, in->snap->length);
    out->clients = in->clients;
    out->snap = in->snap;
    return 0;
}

int FreeFrame(FreeFrame_in *in) {
    free(in->clients->clients);
    free(in->clients);
    free(in->snap);
    return 0;
}

/* ------------------------------------------------------------------ start and stop */

int flux_init(int argc, char **argv) {
    const char *host = "127.0.0.1", *v;
    int port = 7777;
    for (int i = 0; i < argc; i++) {
        if (option(argc, argv, &i, "--port", &v)) port = atoi(v);
        else if (option(argc, argv, &i, "--host", &v)) host = v;
        else if (option(argc, argv, &i, "--tick-ms", &v)) tick_ms = atoi(v);
        else if (option(argc, argv, &i, "--idle-s", &v)) idle_ms = atol(v) * 1000;
        else if (option(argc, argv, &i, "--size", &v)) size = atoi(v);
        else if (option(argc, argv, &i, "--max-players", &v)) max_players = atoi(v);
        else if (i > 0 || argv[i][0] == '-') {
            fprintf(stderr, "gameserver: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (tick_ms < 1 || tick_ms > 1000 || size < 2 || max_players < 1) {
        fprintf(stderr, "gameserver: --tick-ms 1-1000, --size >= 2, --max-players >= 1\n");
        return 2;
    }
    if (getrandom(token_key, sizeof token_key, 0) != (ssize_t)sizeof token_key) {
        fprintf(stderr, "gameserver: getrandom: %s\n", strerror(errno));
        return 1;
    }
    udp_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    struct timeval wait = {.tv_sec = 0, .tv_usec = 500000};  /* a missed signal costs 0.5 s */
    int big = 1 << 20;
    setsockopt(udp_fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    setsockopt(udp_fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    if (udp_fd < 0 || inet_pton(AF_INET, host, &addr.sin_addr) != 1 ||
        bind(udp_fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        fprintf(stderr, "gameserver: cannot bind udp %s:%d: %s\n", host, port, strerror(errno));
        return 1;
    }
    socklen_t alen = sizeof addr;
    getsockname(udp_fd, (struct sockaddr *)&addr, &alen);
    printf("listening on udp://%s:%d\n", host, ntohs(addr.sin_port));
    fflush(stdout);
    return 0;
}

void flux_shutdown(void) {
    while (players.count) remove_player(players.items[0]);
    free(players.items);
    for (int b = 0; b < BUCKETS; b++)
        while (addr_map[b]) {
            addr_entry *e = addr_map[b];
            addr_map[b] = e->next;
            free(e);
        }
    if (udp_fd >= 0) close(udp_fd);
    udp_fd = -1;
}
