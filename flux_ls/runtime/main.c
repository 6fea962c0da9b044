/*
 * main.c — start-up and orderly shutdown of a Flux server.
 *
 * main() takes the runtime's own options out of argv (--flux-runtime=thread|pool|event,
 * --flux-threads=N; everything after a lone "--" is left alone), blocks the stop signals,
 * calls the user's flux_init(argc, argv) if there is one (non-zero aborts with that exit
 * status), starts the chosen runtime and one thread per source, and waits for SIGINT,
 * SIGTERM or flux_stop(). Then: flux_stopping() becomes true, the sources are interrupted
 * until their loops end, running flows finish (for at most FLUX_SHUTDOWN_GRACE seconds,
 * default 5), flux_shutdown() is called if there is one, and the server exits 0. If flows
 * are still running at the deadline, or a second stop signal arrives, it exits 1 at once
 * without calling flux_shutdown(). With --flux-profile=PATH the path profile is written to
 * PATH at exit (marked incomplete on a forced exit) and on SIGUSR1 (profile.c).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flux_rt.h"

/* The user's optional start-up and shut-down functions (weak: either may be missing). */
extern int flux_init(int argc, char **argv) __attribute__((weak));
extern void flux_shutdown(void) __attribute__((weak));

static const flux_runtime *const runtimes[FLUX_RT_COUNT] = {
    [FLUX_RT_THREAD] = &flux_thread_runtime,
    [FLUX_RT_POOL] = &flux_pool_runtime,
    [FLUX_RT_EVENT] = &flux_event_runtime,
};

static int runtime_named(const char *name) {
    for (int i = 0; i < FLUX_RT_COUNT; i++)
        if (strcmp(runtimes[i]->name, name) == 0) return i;
    fprintf(stderr, "flux: unknown runtime '%s' (choose thread, pool or event)\n", name);
    return -1;
}

static int threads_from(const char *text) {
    char *end;
    long n = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || n < 0 || n > 1024) {
        fprintf(stderr, "flux: --flux-threads wants a number from 0 to 1024, not '%s'\n", text);
        return -1;
    }
    return (int)n;
}

/* The value of `--name=value` or `--name value` at argv[*i], or NULL if argv[*i] is not it. */
static const char *option(int argc, char **argv, int *i, const char *name) {
    size_t len = strlen(name);
    if (strncmp(argv[*i], name, len) != 0) return NULL;
    if (argv[*i][len] == '=') return argv[*i] + len + 1;
    if (argv[*i][len] == '\0' && *i + 1 < argc) return argv[++*i];
    return NULL;
}

static int parse_options(int *argc, char **argv, int *runtime, int *threads,
                         const char **profile) {
    int kept = 1, i = 1;
    for (; i < *argc; i++) {
        const char *value;
        if (strcmp(argv[i], "--") == 0) break;
        if ((value = option(*argc, argv, &i, "--flux-runtime")) != NULL) {
            if ((*runtime = runtime_named(value)) < 0) return -1;
        } else if ((value = option(*argc, argv, &i, "--flux-threads")) != NULL) {
            if ((*threads = threads_from(value)) < 0) return -1;
        } else if ((value = option(*argc, argv, &i, "--flux-profile")) != NULL) {
            *profile = value;
        } else {
            argv[kept++] = argv[i];
        }
    }
    for (; i < *argc; i++) argv[kept++] = argv[i];
    argv[kept] = NULL;
    *argc = kept;
    return 0;
}

static double grace_seconds(void) {
    const char *env = getenv("FLUX_SHUTDOWN_GRACE");
    double grace = env != NULL ? atof(env) : 5.0;
    return grace > 0 ? grace : 5.0;
}

static void exit_now(const char *why) {
    fprintf(stderr, "flux: %s; exiting without flux_shutdown()\n", why);
    flux_profile_finish(0);
    fflush(NULL);
    _exit(1);
}

static int shut_down(const flux_runtime *runtime) {
    atomic_store(&flux_stopping_flag, 1);
    double grace = grace_seconds(), deadline = flux_now() + grace;
    while (flux_sources_running() > 0 && flux_now() < deadline) {
        flux_sources_interrupt();
        if (flux_wait_signal_ms(20)) exit_now("second stop signal");
    }
    while (atomic_load(&flux_live) > 0 && flux_now() < deadline)
        if (flux_wait_signal_ms(2)) exit_now("second stop signal");
    if (flux_sources_running() > 0 || atomic_load(&flux_live) > 0) {
        char why[160];
        snprintf(why, sizeof why, "%ld flows and %d sources still running after %g s",
                 atomic_load(&flux_live), flux_sources_running(), grace);
        exit_now(why);
    }
    flux_sources_join();
    runtime->stop();
    flux_profile_finish(1);
    if (flux_shutdown) flux_shutdown();
    fflush(NULL);
    return 0;
}

int main(int argc, char **argv) {
    int runtime = flux_program.default_runtime, threads = flux_program.default_threads;
    const char *profile = NULL;
    if (parse_options(&argc, argv, &runtime, &threads, &profile) != 0) return 2;
    if (threads <= 0) threads = flux_cores();
    if (flux_signals_init() != 0) return 1;
    if (profile != NULL && flux_profile_start(profile, runtimes[runtime]->name, threads) != 0)
        return 1;
    flux_locks_init();
    flux_sessions_init();
    if (flux_init) {
        int rc = flux_init(argc, argv);
        if (rc != 0) return rc;
    }
    const flux_runtime *chosen = runtimes[runtime];
    if (chosen->start(threads) != 0) {
        fprintf(stderr, "flux: cannot start the %s runtime\n", chosen->name);
        return 1;
    }
    int failed = flux_sources_start(chosen) != 0;
    if (failed) flux_stop();
    flux_wait_for_stop();
    int status = shut_down(chosen);
    return failed ? 1 : status;
}
