/* Small helpers shared by the example servers (header-only). */
#ifndef FLUX_EXAMPLES_UTIL_H
#define FLUX_EXAMPLES_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Whether argv[*i] is the option name, as "--name=VALUE" or "--name VALUE" (then *i moves to
 * the value); *value is the value. */
static inline bool option(int argc, char **argv, int *i, const char *name, const char **value) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return false;
    if (argv[*i][n] == '=') { *value = argv[*i] + n + 1; return true; }
    if (argv[*i][n] != '\0' || *i + 1 >= argc) return false;
    *value = argv[++*i];
    return true;
}

/* The 64-bit FNV-1a hash of s[0..n). */
static inline uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

#endif
