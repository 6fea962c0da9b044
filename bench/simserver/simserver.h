/* The user types of simserver.flux (included by the generated flux_nodes.h). */
#ifndef SIMSERVER_H
#define SIMSERVER_H

#include <stdbool.h>

#include "http.h"

typedef struct connection {
    np_conn base;
    http_head head;
    bool keep_alive;
} connection;

#endif
