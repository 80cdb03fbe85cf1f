#include "url_check.h"

#include <string.h>

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool has_prefix_nocase(const char *s, const char *prefix)
{
    for (; *prefix != '\0'; s++, prefix++) {
        if (lower(*s) != *prefix) {
            return false;
        }
    }
    return true;
}

bool host_equal(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        if (lower(*a) != lower(*b)) {
            return false;
        }
    }
    return *a == *b;
}

static bool url_chars_ok(const char *url)
{
    for (const unsigned char *p = (const unsigned char *)url; *p != '\0'; p++) {
        if (*p <= 0x20 || *p >= 0x7f || *p == '\\') {
            return false;
        }
    }
    return true;
}

static bool host_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

static bool parse_port(const char *p, size_t n, uint16_t *out)
{
    if (n == 0 || n > 5) {
        return false;
    }
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
        v = v * 10 + (uint32_t)(p[i] - '0');
    }
    if (v == 0 || v > 65535) {
        return false;
    }
    *out = (uint16_t)v;
    return true;
}

/* host[:port] or [v6]:port, between the scheme and the path. */
static bool split_authority(const char *a, size_t n, struct url_parts *out)
{
    const char *host = a;
    size_t host_len;
    const char *rest;
    if (n > 0 && a[0] == '[') {
        const char *close = memchr(a, ']', n);
        if (close == NULL) {
            return false;
        }
        host = a + 1;
        host_len = (size_t)(close - host);
        rest = close + 1;
        for (size_t i = 0; i < host_len; i++) {
            char c = host[i];
            if (!((c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'f') || c == ':')) {
                return false;
            }
        }
    } else {
        const char *colon = memchr(a, ':', n);
        host_len = colon != NULL ? (size_t)(colon - a) : n;
        rest = a + host_len;
        for (size_t i = 0; i < host_len; i++) {
            if (!host_char_ok(host[i])) {
                return false;
            }
        }
    }
    if (host_len == 0 || host_len >= sizeof out->host) {
        return false;
    }
    memcpy(out->host, host, host_len);
    out->host[host_len] = '\0';
    size_t rest_len = (size_t)(a + n - rest);
    out->port = 0;
    if (rest_len == 0) {
        return true;
    }
    return rest[0] == ':' && parse_port(rest + 1, rest_len - 1, &out->port);
}

bool url_split(const char *url, struct url_parts *out)
{
    if (!url_chars_ok(url)) {
        return false;
    }
    const char *a;
    if (has_prefix_nocase(url, "https://")) {
        out->https = true;
        a = url + 8;
    } else if (has_prefix_nocase(url, "http://")) {
        out->https = false;
        a = url + 7;
    } else {
        return false;
    }
    /* The image has to be a path on the host: "http://gateway" alone names no file. */
    const char *path = strchr(a, '/');
    if (path == NULL) {
        return false;
    }
    size_t n = (size_t)(path - a);
    if (memchr(a, '@', n) != NULL || memchr(a, '?', n) != NULL || memchr(a, '#', n) != NULL) {
        return false;
    }
    return split_authority(a, n, out);
}
