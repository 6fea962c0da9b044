/* The user types of bittorrent.flux (included by the generated flux_nodes.h). */
#ifndef BITTORRENT_H
#define BITTORRENT_H

#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BT_BLOCK 16384               /* request size (BEP 3 practice) */
#define BT_PIPELINE 16               /* requests outstanding per peer */
#define BT_MAX_PEERS 256
#define BT_MAX_ASSIGNED 4            /* pieces downloaded from one peer at once */
#define BT_MAX_PIECE (4 << 20)       /* largest piece length accepted */
#define BT_UPLOAD_QUEUE 64           /* requests queued from one peer before they are served */

/* ---- bencode (bencode.c): a value is the span [p, end) of its encoding */
typedef struct benc { const char *p, *end; } benc;
bool benc_value(const char *p, const char *end, benc *out);   /* validates (depth-bounded) */
bool benc_string(benc v, const char **s, size_t *n);
bool benc_int(benc v, int64_t *out);
bool benc_get(benc dict, const char *key, benc *out);
bool benc_next(benc list, const char **cursor, benc *out);    /* *cursor NULL at first */

void sha1(const void *data, size_t length, unsigned char digest[20]);

typedef enum {
    MSG_NONE, MSG_HANDSHAKE, MSG_KEEPALIVE, MSG_CHOKE, MSG_UNCHOKE, MSG_INTERESTED,
    MSG_UNINTERESTED, MSG_HAVE, MSG_BITFIELD, MSG_REQUEST, MSG_PIECE, MSG_CANCEL, MSG_OTHER,
    MSG_CLOSED
} message_type;

/* The message being handled (lives in its peer). */
typedef struct message {
    message_type type;
    size_t size;                 /* bytes of the message in the buffer (consumed when done) */
    const unsigned char *payload;
    size_t length;               /* payload bytes, after the id */
    int64_t complete;            /* the piece this message completed, or -1 */
    bool verified;               /* the completed piece's hash matched */
    unsigned char *data;         /* the completed piece's bytes (owned until stored) */
    const char *why;             /* MSG_CLOSED: why */
} message;

/* A block: a request we sent (index, begin) or one a peer asked of us (and its length). */
typedef struct block_ref { uint32_t index, begin, length; } block_ref;

typedef struct peer {
    int fd;
    int slot;
    _Atomic int used;            /* slot taken */
    uint32_t gen;                /* connections the slot has held (tells a reused slot apart) */
    bool incoming;
    bool got_handshake;          /* the peer's handshake has been read */
    bool listed;                 /* in the peer table (AddPeer or Handshake) */
    _Atomic bool active;         /* handshake done: timers may write to it */
    struct sockaddr_in addr;
    unsigned char id[20];        /* the peer id from its handshake */
    pthread_mutex_t wlock;       /* one writer at a time on fd */
    unsigned char *buf;
    size_t len, cap;
    message msg;
    int place;                   /* the place (runtime thread) whose poll set holds fd */
    struct peer *next_ready;
    _Atomic bool am_choking, peer_choking;
    bool am_interested;
    _Atomic bool peer_interested;
    _Atomic bool optimistic;
    unsigned char *has;          /* the peer's pieces, one byte each */
    int64_t assigned[BT_MAX_ASSIGNED];
    int nassigned;
    block_ref out[BT_PIPELINE];  /* our requests to the peer not answered yet */
    int inflight;                /* entries of out */
    block_ref upq[BT_UPLOAD_QUEUE];   /* the peer's requests not served yet (cancel removes) */
    int nupq;
    int bad_pieces, bad_requests;
    _Atomic uint64_t down_bytes, up_bytes;   /* payload, for the choke rounds */
    uint64_t last_down, last_up;
    _Atomic int64_t last_heard_ms;
} peer;

/* An announce to the tracker. */
typedef struct announce {
    const char *event;           /* "started", "completed", "stopped" or "" */
    char *response;
    size_t length;
} announce;

#endif
