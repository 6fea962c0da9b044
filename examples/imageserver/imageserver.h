/* The user types of imageserver.flux (included by the generated flux_nodes.h). */
#ifndef IMAGESERVER_H
#define IMAGESERVER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http.h"

#define IS_NAME_MAX 64

/* A rendered PNG, shared by the cache and the flows serving it (reference-counted). */
typedef struct png_entry {
    _Atomic int refs;
    _Atomic long uses;                   /* cache hits: the LFU eviction order */
    struct png_entry *next;              /* the cache's list */
    char key[IS_NAME_MAX + 8];           /* "name/scale" */
    size_t length;
    uint8_t *data;
} png_entry;

/* Uncompressed 8-bit RGB pixels. */
typedef struct image {
    int width, height;
    uint8_t *rgb;
} image;

/* The request being served on a connection (lives in the connection). */
typedef struct image_tag {
    http_head head;                      /* its length in the connection's buffer, version, HEAD */
    bool keep_alive;
    int scale;                           /* 1, 2, 4 or 8 */
    char name[IS_NAME_MAX + 1];
    char key[IS_NAME_MAX + 8];
    bool hit;
    png_entry *png;                      /* the reference this flow holds, or NULL */
} image_tag;

typedef struct connection {
    np_conn base;
    image_tag tag;
} connection;

#endif
