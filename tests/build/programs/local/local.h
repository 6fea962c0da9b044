/* The user type of local.flux: a client connection and the place that accepted it. */
#ifndef LOCAL_H
#define LOCAL_H

typedef struct conn {
    int fd;
    int place;
} conn;

#endif
