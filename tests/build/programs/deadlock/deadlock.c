/* The C nodes of deadlock.flux. Usage: deadlock [FLOWS_PER_SOURCE] (default 20000). */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "flux_nodes.h"

static long flows = 20000, issued1, issued2;
static atomic_long ended, violations;
static atomic_int x, y, z; /* writers inside */

static void pause_us(long us) {
    struct timespec t = {0, us * 1000L};
    nanosleep(&t, NULL);
}

int flux_init(int argc, char **argv) {
    if (argc > 1) flows = atol(argv[1]);
    return 0;
}

void flux_shutdown(void) {
    printf("ended=%ld violations=%ld\n", atomic_load(&ended), atomic_load(&violations));
}

static int issue(long *issued, long *i) {
    if (*issued == flows) {
        if (atomic_load(&ended) == 2 * flows && !flux_stopping()) flux_stop();
        while (!flux_stopping()) pause_us(1000);
        return 1;
    }
    while (*issued * 2 - atomic_load(&ended) > 512) pause_us(20);
    *i = (*issued)++;
    return 0;
}

int Gen1(Gen1_out *out) { return issue(&issued1, &out->i); }
int Gen2(Gen2_out *out) { return issue(&issued2, &out->i); }
bool IsOdd(long i) { return i % 2 == 1; }

static void hold(atomic_int *c) {
    if (atomic_fetch_add(c, 1) != 0) atomic_fetch_add(&violations, 1);
}

static void work(long i) {
    volatile long sink = 0;
    for (long k = 0; k < 100 + i % 300; k++) sink += k;
}

/* E runs inside C: x (C), y and z (E). F, G, H run inside D: x, y, z (D, elevated). */
static int inside_all(long i) {
    hold(&x);
    hold(&y);
    hold(&z);
    work(i);
    atomic_fetch_sub(&z, 1);
    atomic_fetch_sub(&y, 1);
    atomic_fetch_sub(&x, 1);
    return 0;
}

int E(E_in *in, E_out *out) { out->i = in->i; return inside_all(in->i); }
int F(F_in *in, F_out *out) { out->i = in->i; return inside_all(in->i); }
int G(G_in *in, G_out *out) { out->i = in->i; return inside_all(in->i); }
int H(H_in *in, H_out *out) { out->i = in->i; return inside_all(in->i); }

static int end(void) {
    if (atomic_fetch_add(&ended, 1) + 1 == 2 * flows) flux_stop();
    return 0;
}

int End1(End1_in *in) { (void)in; return end(); }
int End2(End2_in *in) { (void)in; return end(); }
