/*
 * signals.c — orderly shutdown (SIGINT, SIGTERM, flux_stop()).
 *
 * SIGINT and SIGTERM are blocked in every thread (the mask is set before any thread
 * starts, so every thread inherits it) and the main thread takes them with sigwait(), so
 * no user code is ever interrupted by a stop signal's handler. To stop the sources, which
 * block in system calls, main sends each source thread the *wake signal* (SIGRTMIN): its
 * handler does nothing and is installed without SA_RESTART, so the blocking call returns
 * EINTR and the source, seeing flux_stopping(), returns non-zero. SIGPIPE is ignored: a
 * write to a closed connection fails with EPIPE instead of killing the server.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flux_rt.h"

_Atomic int flux_stopping_flag;
static sigset_t stop_signals;

static void on_wake(int sig) {
    (void)sig; /* only there to interrupt a blocking call */
}

int flux_wake_signal(void) {
    return SIGRTMIN;
}

int flux_signals_init(void) {
    struct sigaction ignore, wake;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    memset(&wake, 0, sizeof wake);
    wake.sa_handler = on_wake;
    sigemptyset(&wake.sa_mask);
    wake.sa_flags = 0; /* no SA_RESTART: blocking calls return EINTR */
    if (sigaction(SIGPIPE, &ignore, NULL) != 0 || sigaction(flux_wake_signal(), &wake, NULL) != 0) {
        perror("flux: sigaction");
        return -1;
    }
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    int rc = pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    if (rc != 0) {
        fprintf(stderr, "flux: pthread_sigmask: %s\n", strerror(rc));
        return -1;
    }
    return 0;
}

int flux_wait_for_stop(void) {
    int sig = 0;
    while (sigwait(&stop_signals, &sig) != 0) {
    }
    return sig;
}

/* 1 if a stop signal from another process arrives within ms (a late flux_stop() of this
 * process, racing with the first signal, is not a second request). */
int flux_wait_signal_ms(int ms) {
    struct timespec wait = {ms / 1000, (ms % 1000) * 1000000L};
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (sigtimedwait(&stop_signals, &info, &wait) <= 0) return 0;
    return !(info.si_code == SI_USER && info.si_pid == getpid());
}

int flux_stopping(void) {
    return atomic_load_explicit(&flux_stopping_flag, memory_order_relaxed);
}

void flux_stop(void) {
    if (flux_stopping()) return;
    kill(getpid(), SIGTERM); /* process-directed: main's sigwait() takes it */
}
