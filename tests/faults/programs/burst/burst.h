/* The user type of burst.flux: a flow's payload, a MiB carried by value in the flow's frame. */
#ifndef BURST_H
#define BURST_H

typedef struct block {
    long check;
    char bytes[1 << 20];
} block;

#endif
