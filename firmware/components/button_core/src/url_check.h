/*
 * Splits an http(s) URL just enough to know which host it points at (private).
 * Anything an HTTP client might read differently from us is refused rather
 * than guessed at: user info ('@'), backslashes, spaces, control and non-ASCII
 * bytes, empty hosts, bad ports.
 */
#ifndef BUTTON_CORE_URL_CHECK_H
#define BUTTON_CORE_URL_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define URL_HOST_MAX 64

struct url_parts {
    bool https;
    char host[URL_HOST_MAX]; /* as written, without brackets for IPv6 literals */
    uint16_t port;           /* 0 when the URL names none */
};

bool url_split(const char *url, struct url_parts *out);

/* ASCII case-insensitive equality (host names). */
bool host_equal(const char *a, const char *b);

#endif
