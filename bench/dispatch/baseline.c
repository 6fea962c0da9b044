/* The baseline: a plain C loop calling the nodes of one chain after another, copying
 * outputs to inputs as the runtime does. Usage: baseline FLOWS; prints seconds. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "flux_nodes.h"

static long ended;
void dispatch_ended(long i) { ended += i >= 0; }

int main(int argc, char **argv) {
    long flows = argc > 1 ? atol(argv[1]) : 1000000;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < flows; i++) {
        N01_in in = {i};
        N01_out out;
        if (N01(&in, &out)) return 1;
        {
            N02_in next = {out.i};
            if (N02(&next, ((N02_out *)&out))) return 1;
        }
        {
            N03_in next = {out.i};
            if (N03(&next, ((N03_out *)&out))) return 1;
        }
        {
            N04_in next = {out.i};
            if (N04(&next, ((N04_out *)&out))) return 1;
        }
        {
            N05_in next = {out.i};
            if (N05(&next, ((N05_out *)&out))) return 1;
        }
        {
            N06_in next = {out.i};
            if (N06(&next, ((N06_out *)&out))) return 1;
        }
        {
            N07_in next = {out.i};
            if (N07(&next, ((N07_out *)&out))) return 1;
        }
        {
            N08_in next = {out.i};
            if (N08(&next, ((N08_out *)&out))) return 1;
        }
        {
            N09_in next = {out.i};
            if (N09(&next, ((N09_out *)&out))) return 1;
        }
        {
            N10_in next = {out.i};
            if (N10(&next, ((N10_out *)&out))) return 1;
        }
        {
            N11_in next = {out.i};
            if (N11(&next, ((N11_out *)&out))) return 1;
        }
        {
            N12_in next = {out.i};
            if (N12(&next, ((N12_out *)&out))) return 1;
        }
        {
            N13_in next = {out.i};
            if (N13(&next, ((N13_out *)&out))) return 1;
        }
        {
            N14_in next = {out.i};
            if (N14(&next, ((N14_out *)&out))) return 1;
        }
        {
            N15_in next = {out.i};
            if (N15(&next, ((N15_out *)&out))) return 1;
        }
        {
            N16_in next = {out.i};
            if (N16(&next, ((N16_out *)&out))) return 1;
        }
        {
            N17_in next = {out.i};
            if (N17(&next, ((N17_out *)&out))) return 1;
        }
        {
            N18_in next = {out.i};
            if (N18(&next, ((N18_out *)&out))) return 1;
        }
        {
            N19_in next = {out.i};
            if (N19(&next, ((N19_out *)&out))) return 1;
        }
        {
            N20_in next = {out.i};
            if (N20(&next, ((N20_out *)&out))) return 1;
        }
        {
            End_in last = {out.i};
            if (End(&last)) return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("flows=%ld nodes=%ld seconds=%.6f\n", ended, ended * 21, s);
    return 0;
}
