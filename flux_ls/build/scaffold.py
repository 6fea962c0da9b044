"""``flux new NAME``: the files of a new project — a tiny TCP line server that builds and runs.

Each connection sends one line; the server answers ``N: line`` where N counts the lines
served so far (a constraint keeps the counter consistent) and closes the connection. It
listens on 127.0.0.1 at the port given as its first argument (0: any free port) and prints
``NAME listening on 127.0.0.1:PORT`` once it is ready. Pure: file names and texts.
"""

from __future__ import annotations

import re

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

FLUX = """\
/*
 * {name}: a tiny TCP server made by `flux new`. Each connection sends one line; the server
 * answers with the line and how many lines it has served, then closes the connection.
 *
 *     flux run {name} -- 8080            (or: flux build {name} && {name}/.flux-build/…)
 *     echo hello | nc 127.0.0.1 8080     → 1: hello
 */

/** Waits in accept(2) for the next connection. */
Accept () => (int socket);

/** Reads one line from the client; fails when the client sends nothing. */
ReadLine (int socket) => (int socket, char *line);

/** Gives the line its number: every flow increments the shared counter. */
Count (int socket, char *line) => (int socket, char *line, long number);

/** Writes "number: line" back, frees the line and closes the connection (on success). */
Reply (int socket, char *line, long number) => ();

source Accept => Serve;
Serve = ReadLine -> Count -> Reply;

handle error Serve => Drop; // void Drop(Serve_in *in, int err): closes the connection

atomic Count:{{counter}}; // one flow at a time updates the counter
"""

TOML = """\
[program]
flux = "{name}.flux"
sources = ["{name}.c"]
include = ["."]
headers = []
cflags = []
libs = []

[run]
runtime = "event"
threads = 0
args = ["8080"]
"""

C = r"""/* The C nodes of {name}.flux (made by `flux new`). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "flux_nodes.h"

#define LINE_MAX_BYTES 1024

static int listener = -1;
static long served; /* guarded by the constraint `counter` */

/* Start-up: listen on 127.0.0.1 at the port of argv[1] (default 8080, 0: any free port). */
int flux_init(int argc, char **argv) {{
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    int one = 1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 128) ||
        getsockname(listener, (struct sockaddr *)&addr, &len)) {{
        perror("{name}: cannot listen");
        return 1;
    }}
    printf("{name} listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));
    fflush(stdout);
    return 0;
}}

void flux_shutdown(void) {{
    close(listener);
    printf("{name} served %ld lines\n", served);
}}

int Accept(Accept_out *out) {{
    int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) return errno; /* EINTR on shutdown: the runtime stops quietly */
    struct timeval timeout = {{5, 0}}; /* a silent client cannot hold a thread forever */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    out->socket = fd;
    return 0;
}}

int ReadLine(ReadLine_in *in, ReadLine_out *out) {{
    char *line = malloc(LINE_MAX_BYTES);
    size_t used = 0;
    if (line == NULL) return ENOMEM;
    while (used < LINE_MAX_BYTES - 1) {{
        ssize_t n = read(in->socket, line + used, LINE_MAX_BYTES - 1 - used);
        if (n <= 0) break;
        used += (size_t)n;
        if (memchr(line, '\n', used) != NULL) break;
    }}
    line[used] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    if (used == 0) {{
        free(line);
        return EPIPE;
    }}
    out->socket = in->socket;
    out->line = line;
    return 0;
}}

int Count(Count_in *in, Count_out *out) {{
    out->socket = in->socket;
    out->line = in->line;
    out->number = ++served;
    return 0;
}}

int Reply(Reply_in *in) {{
    char reply[LINE_MAX_BYTES + 32];
    int n = snprintf(reply, sizeof reply, "%ld: %s\n", in->number, in->line);
    ssize_t sent = write(in->socket, reply, (size_t)n);
    free(in->line);
    if (sent != n) return EIO; /* the handler Drop closes the connection */
    close(in->socket);
    return 0;
}}

void Drop(Serve_in *in, int err) {{
    (void)err;
    close(in->socket);
}}
"""

GITIGNORE = ".flux-build/\n"


def valid_name(name: str) -> bool:
    return bool(_IDENT.fullmatch(name)) and not name.startswith("flux_")


def project_files(name: str) -> dict[str, str]:
    """File name → text of a new project called ``name``."""
    return {
        f"{name}.flux": FLUX.format(name=name),
        "flux.toml": TOML.format(name=name),
        f"{name}.c": C.format(name=name),
        ".gitignore": GITIGNORE,
    }
