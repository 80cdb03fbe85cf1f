/*
 * A small strict reader for one flat JSON object (private).
 *
 * Only what the update notice needs: the top level must be an object; its
 * members are handed to a callback one by one. Nested objects and arrays are
 * checked for balance and skipped, so a gateway may add fields later without
 * breaking older buttons. No heap, no recursion: input comes from the network.
 */
#ifndef BUTTON_CORE_JSON_SCAN_H
#define BUTTON_CORE_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_KEY_MAX 32    /* longer keys are not ours: such members are skipped */
#define JSON_VALUE_MAX 320 /* longer scalar values arrive with too_long set */
#define JSON_DEPTH_MAX 16

enum json_type { JSON_STRING, JSON_NUMBER, JSON_TRUE, JSON_FALSE, JSON_NULL, JSON_NESTED };

struct json_member {
    const char *key;
    enum json_type type;
    const char *value; /* NUL-terminated: unescaped string or number text; NULL if too_long */
    size_t value_len;
    bool too_long;
};

/* Returning a positive value from the callback stops the scan with that value. */
typedef int (*json_member_fn)(void *ctx, const struct json_member *m);

#define JSON_SCAN_OK 0
#define JSON_SCAN_SYNTAX (-1)

int json_scan_object(const char *text, size_t len, json_member_fn fn, void *ctx);

#endif
