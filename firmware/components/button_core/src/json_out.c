#include "json_out.h"

#include <string.h>

static void put(struct json_out *o, char c);

void json_out_begin(struct json_out *o, char *buf, size_t cap)
{
    o->buf = buf;
    o->cap = cap;
    o->len = 0;
    o->overflow = (buf == NULL || cap == 0);
    o->first_field = true;
    put(o, '{');
}

static void put(struct json_out *o, char c)
{
    /* Keep one byte for the terminating NUL. */
    if (o->overflow || o->len + 1 >= o->cap) {
        o->overflow = true;
        return;
    }
    o->buf[o->len++] = c;
}

static void put_text(struct json_out *o, const char *s)
{
    while (*s != '\0') {
        put(o, *s++);
    }
}

static void put_quoted(struct json_out *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    put(o, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': put_text(o, "\\\""); break;
        case '\\': put_text(o, "\\\\"); break;
        case '\n': put_text(o, "\\n"); break;
        case '\r': put_text(o, "\\r"); break;
        case '\t': put_text(o, "\\t"); break;
        default:
            if (*p < 0x20) {
                put_text(o, "\\u00");
                put(o, hex[*p >> 4]);
                put(o, hex[*p & 0x0f]);
            } else {
                /* Bytes >= 0x80 pass through: ids are ASCII, other text is UTF-8 already. */
                put(o, (char)*p);
            }
        }
    }
    put(o, '"');
}

static void put_key(struct json_out *o, const char *key)
{
    if (!o->first_field) {
        put(o, ',');
    }
    o->first_field = false;
    put_quoted(o, key);
    put(o, ':');
}

/* Hand-rolled so the device does not depend on newlib's 64-bit printf support. */
static void put_uint(struct json_out *o, uint64_t v)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        put(o, digits[--n]);
    }
}

void json_out_string_field(struct json_out *o, const char *key, const char *value)
{
    put_key(o, key);
    put_quoted(o, value);
}

void json_out_uint_field(struct json_out *o, const char *key, uint64_t value)
{
    put_key(o, key);
    put_uint(o, value);
}

void json_out_int_field(struct json_out *o, const char *key, int64_t value)
{
    put_key(o, key);
    if (value < 0) {
        put(o, '-');
        put_uint(o, (uint64_t)0 - (uint64_t)value);
    } else {
        put_uint(o, (uint64_t)value);
    }
}

void json_out_bool_field(struct json_out *o, const char *key, bool value)
{
    put_key(o, key);
    put_text(o, value ? "true" : "false");
}

int json_out_finish(struct json_out *o)
{
    put(o, '}');
    if (o->overflow) {
        if (o->buf != NULL && o->cap > 0) {
            o->buf[0] = '\0';
        }
        return -1;
    }
    o->buf[o->len] = '\0';
    return (int)o->len;
}
