/* Bencode (BEP 3) read in place: values are spans of the input, walked with a depth bound. */
#include "bittorrent.h"

#include <string.h>

#define BENC_DEPTH 32

static const char *skip(const char *p, const char *end, int depth) {
    if (p >= end || depth > BENC_DEPTH) return NULL;
    if (*p == 'i') {
        p++;
        if (p < end && *p == '-') p++;
        const char *digits = p;
        while (p < end && *p >= '0' && *p <= '9') p++;
        if (p == digits || p >= end || *p != 'e') return NULL;
        return p + 1;
    }
    if (*p == 'l' || *p == 'd') {
        int dict = *p == 'd';
        p++;
        while (p < end && *p != 'e') {
            if (dict && (*p < '0' || *p > '9')) return NULL;  /* keys are strings */
            if (!(p = skip(p, end, depth + 1))) return NULL;
            if (dict && !(p = skip(p, end, depth + 1))) return NULL;
        }
        return p < end ? p + 1 : NULL;
    }
    if (*p >= '0' && *p <= '9') {
        size_t n = 0;
        while (p < end && *p >= '0' && *p <= '9') {
            if (n > (size_t)(end - p)) return NULL;
            n = n * 10 + (size_t)(*p++ - '0');
        }
        if (p >= end || *p != ':' || n > (size_t)(end - p - 1)) return NULL;
        return p + 1 + n;
    }
    return NULL;
}

bool benc_value(const char *p, const char *end, benc *out) {
    const char *e = skip(p, end, 0);
    if (!e) return false;
    out->p = p;
    out->end = e;
    return true;
}

bool benc_string(benc v, const char **s, size_t *n) {
    const char *p = v.p;
    if (p >= v.end || *p < '0' || *p > '9') return false;
    size_t len = 0;
    while (*p != ':') len = len * 10 + (size_t)(*p++ - '0');
    *s = p + 1;
    *n = len;
    return true;
}

bool benc_int(benc v, int64_t *out) {
    if (v.p >= v.end || *v.p != 'i') return false;
    const char *p = v.p + 1;
    int neg = *p == '-';
    if (neg) p++;
    int64_t x = 0;
    for (; *p != 'e'; p++) {
        if (x > (INT64_MAX - 9) / 10) return false;
        x = x * 10 + (*p - '0');
    }
    *out = neg ? -x : x;
    return true;
}

bool benc_get(benc dict, const char *key, benc *out) {
    if (dict.p >= dict.end || *dict.p != 'd') return false;
    size_t klen = strlen(key);
    const char *p = dict.p + 1;
    while (p < dict.end && *p != 'e') {
        benc k, v;
        if (!benc_value(p, dict.end, &k) || !benc_value(k.end, dict.end, &v)) return false;
        const char *s;
        size_t n;
        if (benc_string(k, &s, &n) && n == klen && memcmp(s, key, n) == 0) {
            *out = v;
            return true;
        }
        p = v.end;
    }
    return false;
}

bool benc_next(benc list, const char **cursor, benc *out) {
    if (list.p >= list.end || *list.p != 'l') return false;
    const char *p = *cursor ? *cursor : list.p + 1;
    if (p >= list.end || *p == 'e') return false;
    if (!benc_value(p, list.end, out)) return false;
    *cursor = out->end;
    return true;
}
