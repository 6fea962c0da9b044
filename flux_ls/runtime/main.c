/*
 * main.c — start-up and orderly shutdown of a Flux server.
 *
 * main() takes the runtime's own options out of argv (the table `options`: --flux-runtime,
 * --flux-threads; everything after a lone "--" is left alone; --help or --flux-help prints
 * them and exits 0 before anything starts), blocks the stop signals, calls the user's
 * flux_init(argc, argv) if there is one (non-zero aborts with that exit status), starts the
 * chosen runtime and one thread per source, and waits for SIGINT, SIGTERM or flux_stop().
 * Then: flux_stopping() becomes true, the sources are interrupted until their loops end,
 * running flows finish (for at most FLUX_SHUTDOWN_GRACE seconds, default 5), flux_shutdown()
 * is called if there is one, and the server exits 0. If flows are still running at the
 * deadline, or a second stop signal arrives, it exits 1 at once without calling
 * flux_shutdown(). With --flux-profile=PATH the path profile is written to PATH at exit
 * (marked incomplete on a forced exit) and on SIGUSR1 (profile.c).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
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

/* What the runtime's options set; main() starts from the values built into the program. */
typedef struct {
    int runtime;
    int threads;
    const char *profile; /* --flux-profile: where to write the path profile (NULL: off) */
} flux_settings;

static int set_runtime(const char *name, flux_settings *s) {
    for (int i = 0; i < FLUX_RT_COUNT; i++)
        if (strcmp(runtimes[i]->name, name) == 0) {
            s->runtime = i;
            return 0;
        }
    fprintf(stderr, "flux: unknown runtime '%s' (choose thread, pool or event)\n", name);
    return -1;
}

static int set_threads(const char *text, flux_settings *s) {
    char *end;
    long n = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || n < 0 || n > 1024) {
        fprintf(stderr, "flux: --flux-threads wants a number from 0 to 1024, not '%s'\n", text);
        return -1;
    }
    s->threads = (int)n;
    return 0;
}

static int set_profile(const char *path, flux_settings *s) {
    s->profile = path; /* checked by flux_profile_start() */
    return 0;
}

/* The runtime's own options, one row each: --help prints this table, parse_options reads it.
 * `apply` checks and stores the value (0 ok; -1 refused, after saying why). */
typedef struct {
    const char *name;
    const char *value; /* shown in the help: --name=VALUE */
    const char *help;
    int (*apply)(const char *value, flux_settings *s);
} flux_option;

static const flux_option options[] = {
    {"--flux-runtime", "thread|pool|event",
     "the runtime: a thread per flow, a pool of worker threads, or events", set_runtime},
    {"--flux-threads", "N", "worker or event threads; 0 = one per core", set_threads},
    {"--flux-profile", "PATH",
     "record a path profile into PATH (at exit and on SIGUSR1; docs/profile.md)", set_profile},
};
#define FLUX_OPTIONS (sizeof options / sizeof options[0])

static void print_help(const char *program) {
    const char *slash = strrchr(program, '/');
    const char *name = slash != NULL ? slash + 1 : program;
    printf("usage: %s [RUNTIME OPTIONS] [ARGS...] [-- ARGS...]\n\n"
           "A Flux server. The options below belong to its runtime and are taken out of the\n"
           "command line; every other argument, and everything after a lone --, goes to the\n"
           "program's flux_init (so `%s -- --help` shows the program's own help, if any).\n\n"
           "runtime options (--name=VALUE or --name VALUE):\n", name, name);
    for (size_t i = 0; i < FLUX_OPTIONS; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s=%s", options[i].name, options[i].value);
        printf("  %-34s %s\n", left, options[i].help);
    }
    printf("  %-34s %s\n", "--help, --flux-help", "print this help and exit");
    printf("\nbuilt in: --flux-runtime=%s --flux-threads=%d\n",
           runtimes[flux_program.default_runtime]->name, flux_program.default_threads);
    printf("\nenvironment:\n"
           "  FLUX_SHUTDOWN_GRACE=SECONDS  how long running flows may take to finish after\n"
           "                               SIGINT or SIGTERM (default 5)\n"
           "  FLUX_MAX_FLOWS=N             flows running at once before the sources wait\n"
           "                               (default 10000)\n"
           "  FLUX_PROFILE_CPU_EVERY=N     with --flux-profile: read the CPU clock on a node's\n"
           "                               first 8 calls, then one in N (default 1024)\n");
}

/* The value of `--name=value` or `--name value` at argv[*i], or NULL if argv[*i] is not it. */
static const char *option(int argc, char **argv, int *i, const char *name) {
    size_t len = strlen(name);
    if (strncmp(argv[*i], name, len) != 0) return NULL;
    if (argv[*i][len] == '=') return argv[*i] + len + 1;
    if (argv[*i][len] == '\0' && *i + 1 < argc) return argv[++*i];
    return NULL;
}

/* Take the runtime's options out of argv. Returns 0, 1 after printing the help, or -1 on a
 * refused value. */
static int parse_options(int *argc, char **argv, flux_settings *s) {
    int kept = 1, i = 1;
    for (; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "--flux-help") == 0) {
            print_help(argv[0]);
            return 1;
        }
        size_t o = 0;
        const char *value = NULL;
        while (o < FLUX_OPTIONS && (value = option(*argc, argv, &i, options[o].name)) == NULL)
            o++;
        if (o == FLUX_OPTIONS) {
            argv[kept++] = argv[i];
        } else if (options[o].apply(value, s) != 0) {
            return -1;
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

static void no_profile(int sig) {
    static const char text[] = "flux: SIGUSR1 ignored: no path profile is being recorded "
                               "(start the server with --flux-profile=PATH)\n";
    (void)sig;
    ssize_t written = write(STDERR_FILENO, text, sizeof text - 1); /* async-signal-safe */
    (void)written;
}

int main(int argc, char **argv) {
    flux_settings settings = {flux_program.default_runtime, flux_program.default_threads, NULL};
    int parsed = parse_options(&argc, argv, &settings);
    if (parsed != 0) return parsed > 0 ? 0 : 2;
    int runtime = settings.runtime, threads = settings.threads;
    if (threads <= 0) threads = flux_cores();
    if (flux_signals_init() != 0) return 1;
    if (settings.profile != NULL &&
        flux_profile_start(settings.profile, runtimes[runtime]->name, threads) != 0)
        return 1;
    if (settings.profile == NULL) /* SIGUSR1 asks for a profile: without one, say so, live on */
        signal(SIGUSR1, no_profile); /* (before flux_init, which may take SIGUSR1 for itself) */
    flux_locks_init();
    flux_sessions_init();
    flux_nplaces = runtime == FLUX_RT_THREAD ? 1 : threads < 256 ? threads : 256;
    flux_places_wanted = runtime != FLUX_RT_THREAD; /* flux_source_local sets them up */
    if (flux_init) {
        int rc = flux_init(argc, argv);
        if (rc != 0) return rc;
    }
    const flux_runtime *chosen = runtimes[runtime];
    flux_sources_init();
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
