/* The user types of kvstore.flux (included by the generated flux_nodes.h). */
#ifndef KVSTORE_H
#define KVSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netpoll.h"

#define KV_KEY_MAX 250
#define KV_LINE_MAX (64 * 1024 + 512)  /* SET with a 64 KiB value */

typedef enum { CMD_GET, CMD_SET, CMD_DEL, CMD_INCR, CMD_STATS, CMD_FLUSH, CMD_QUIT,
               CMD_OTHER } command_verb;

/* The command being served on a connection (lives in the connection). */
typedef struct command {
    size_t line_length;          /* bytes of the line in the buffer, newline included */
    command_verb verb;
    bool close;                  /* QUIT: close after the reply */
    const char *key, *value;     /* point into the connection's buffer */
    size_t key_length, value_length;
    char *reply;                 /* malloc'd when longer than small */
    size_t reply_length;
    char small[256];
} command;

typedef struct connection {
    np_conn base;
    command cmd;
} connection;

/* A snapshot being taken: the store's copy (CopyStore) and where it goes (SaveSnapshot).
 * Each snapshot flow has its own, freed when the flow ends. */
typedef struct snapshot_job {
    const char *path;
    char *data;
    size_t length, cap;
} snapshot_job;

#endif
