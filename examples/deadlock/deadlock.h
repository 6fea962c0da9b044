/* The user type of deadlock.flux (included by the generated flux_nodes.h). */
#ifndef DEADLOCK_H
#define DEADLOCK_H

#include <stdbool.h>

/* One request: which path it takes (the first byte the client sent: 'A' or 'C'). */
typedef struct request {
    char path;
    bool report;  /* 'R': only report the counters */
    long a, c;    /* the counters, copied while x and y are held */
} request;

#endif
