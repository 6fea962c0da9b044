/* The nodes of dispatch.flux: empty, and not inlined (the baseline calls them too). */
#define _GNU_SOURCE
#include "flux_nodes.h"

#define EMPTY(N) \
    __attribute__((noinline)) int N(N##_in *in, N##_out *out) { \
        out->i = in->i; \
        return 0; \
    }

EMPTY(N01)
EMPTY(N02)
EMPTY(N03)
EMPTY(N04)
EMPTY(N05)
EMPTY(N06)
EMPTY(N07)
EMPTY(N08)
EMPTY(N09)
EMPTY(N10)
EMPTY(N11)
EMPTY(N12)
EMPTY(N13)
EMPTY(N14)
EMPTY(N15)
EMPTY(N16)
EMPTY(N17)
EMPTY(N18)
EMPTY(N19)
EMPTY(N20)

/* End of a chain: counted by the driver (driver.c or baseline.c). */
void dispatch_ended(long i);

__attribute__((noinline)) int End(End_in *in) {
    dispatch_ended(in->i);
    return 0;
}
