/* The user types of gameserver.flux (included by the generated flux_nodes.h). */
#ifndef GAMESERVER_H
#define GAMESERVER_H

#include <netinet/in.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t player_id;

#define GS_DATAGRAM_MAX 512
#define GS_NAME_MAX 16

/* One datagram as received. */
typedef struct datagram {
    struct sockaddr_in from;
    size_t length;
    char data[GS_DATAGRAM_MAX + 1];
} datagram;

typedef enum { MSG_JOIN, MSG_MOVE, MSG_CHAT, MSG_LEAVE, MSG_QUERY, MSG_OTHER } message_type;

/* A decoded command; it owns its datagram. */
typedef struct game_message {
    message_type type;
    datagram *packet;
    int dx, dy;                   /* MOVE */
    char name[GS_NAME_MAX + 1];   /* JOIN */
    const char *text;             /* CHAT: points into packet->data */
} game_message;

/* One player's record. Membership of the table: constraint clients; the bookkeeping fields:
 * player(session); the position and tag fields: world. */
typedef struct player {
    player_id id;
    struct sockaddr_in addr;
    char name[GS_NAME_MAX + 1];
    long moves;                   /* player(session) */
    _Atomic int64_t last_ms;      /* any flow of the player touches it */
    int x, y;                     /* world */
    long tagged;                  /* world */
    _Atomic int writing;          /* the constraint checker: a writer of player is inside */
} player;

/* The clients a frame goes to (a copy, so sending needs no constraint). */
typedef struct client_list {
    int count;
    struct { player_id id; struct sockaddr_in addr; } *clients;
} client_list;

typedef struct world_snapshot {
    size_t length;
    char data[8192];
} world_snapshot;

#endif
