/* The C nodes of burst.flux. Usage: burst [FLOWS [SLEEP_MS]] (default 300 flows, 5 ms). At
 * shutdown it prints "flows done: N of M, corrupt: K" and the process's peak address space
 * ("VmPeak: … kB", from /proc/self/status), from which the tests choose RLIMIT_AS. */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flux_nodes.h"

static long flows = 300, sleep_ms = 5, issued;
static atomic_long done, corrupt;

int flux_init(int argc, char **argv) {
    if (argc > 1) flows = atol(argv[1]);
    if (argc > 2) sleep_ms = atol(argv[2]);
    return 0;
}

void flux_shutdown(void) {
    printf("flows done: %ld of %ld, corrupt: %ld\n", atomic_load(&done), flows,
           atomic_load(&corrupt));
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    while (status && fgets(line, sizeof line, status))
        if (strncmp(line, "VmPeak:", 7) == 0) fputs(line, stdout);
    if (status) fclose(status);
    fflush(stdout);
}

static void pause_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

int Gen(Gen_out *out) {
    if (issued >= flows) {
        while (atomic_load(&done) < flows && !flux_stopping()) pause_ms(1);
        if (!flux_stopping()) flux_stop();
        while (!flux_stopping()) pause_ms(1);
        return 1;
    }
    out->i = issued++;
    out->data.check = out->i * 7 + 1;
    out->data.bytes[0] = (char)out->i;
    out->data.bytes[sizeof out->data.bytes - 1] = (char)(out->i >> 8);
    return 0;
}

int Work(Work_in *in, Work_out *out) {
    if (in->data.check != in->i * 7 + 1 || in->data.bytes[0] != (char)in->i ||
        in->data.bytes[sizeof in->data.bytes - 1] != (char)(in->i >> 8))
        atomic_fetch_add(&corrupt, 1);
    pause_ms(sleep_ms);
    out->i = in->i;
    return 0;
}

int Done(Done_in *in) {
    (void)in;
    atomic_fetch_add(&done, 1);
    return 0;
}
