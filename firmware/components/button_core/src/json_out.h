/*
 * Bounded JSON object writer (private). It never writes past cap and never
 * hands out a cut-off document: once anything does not fit, finish() fails.
 */
#ifndef BUTTON_CORE_JSON_OUT_H
#define BUTTON_CORE_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_out {
    char *buf;
    size_t cap;
    size_t len;
    bool overflow;
    bool first_field;
};

void json_out_begin(struct json_out *o, char *buf, size_t cap);
void json_out_string_field(struct json_out *o, const char *key, const char *value);
void json_out_uint_field(struct json_out *o, const char *key, uint64_t value);
void json_out_int_field(struct json_out *o, const char *key, int64_t value);
void json_out_bool_field(struct json_out *o, const char *key, bool value);

/* Closes the object. Returns its length, or -1 (and an empty buf) if it did not fit. */
int json_out_finish(struct json_out *o);

#endif
