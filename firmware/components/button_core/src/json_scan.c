#include "json_scan.h"

#include <stdint.h>
#include <string.h>

struct scanner {
    const char *p;
    const char *end;
};

/* A bounded output buffer that remembers whether anything was cut off. */
struct sink {
    char *buf;
    size_t cap;
    size_t len;
    bool too_long;
};

static void sink_put(struct sink *s, char c)
{
    if (s->len + 1 >= s->cap) {
        s->too_long = true;
        return;
    }
    s->buf[s->len++] = c;
    s->buf[s->len] = '\0';
}

static void skip_ws(struct scanner *sc)
{
    while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r')) {
        sc->p++;
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool read_hex4(struct scanner *sc, uint32_t *out)
{
    if (sc->end - sc->p < 4) {
        return false;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(*sc->p++);
        if (h < 0) {
            return false;
        }
        v = (v << 4) | (uint32_t)h;
    }
    *out = v;
    return true;
}

static void put_utf8(struct sink *s, uint32_t cp)
{
    if (cp < 0x80) {
        sink_put(s, (char)cp);
    } else if (cp < 0x800) {
        sink_put(s, (char)(0xC0 | (cp >> 6)));
        sink_put(s, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        sink_put(s, (char)(0xE0 | (cp >> 12)));
        sink_put(s, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sink_put(s, (char)(0x80 | (cp & 0x3F)));
    } else {
        sink_put(s, (char)(0xF0 | (cp >> 18)));
        sink_put(s, (char)(0x80 | ((cp >> 12) & 0x3F)));
        sink_put(s, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sink_put(s, (char)(0x80 | (cp & 0x3F)));
    }
}

static bool read_escape(struct scanner *sc, struct sink *s)
{
    if (sc->p >= sc->end) {
        return false;
    }
    char c = *sc->p++;
    switch (c) {
    case '"': sink_put(s, '"'); return true;
    case '\\': sink_put(s, '\\'); return true;
    case '/': sink_put(s, '/'); return true;
    case 'b': sink_put(s, '\b'); return true;
    case 'f': sink_put(s, '\f'); return true;
    case 'n': sink_put(s, '\n'); return true;
    case 'r': sink_put(s, '\r'); return true;
    case 't': sink_put(s, '\t'); return true;
    case 'u': break;
    default: return false;
    }
    uint32_t cp;
    if (!read_hex4(sc, &cp)) {
        return false;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t low;
        if (sc->end - sc->p < 2 || sc->p[0] != '\\' || sc->p[1] != 'u') {
            return false;
        }
        sc->p += 2;
        if (!read_hex4(sc, &low) || low < 0xDC00 || low > 0xDFFF) {
            return false;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return false;
    }
    /* An embedded NUL would silently shorten the C string: refuse it. */
    if (cp == 0) {
        return false;
    }
    put_utf8(s, cp);
    return true;
}

static bool read_string(struct scanner *sc, struct sink *s)
{
    if (sc->p >= sc->end || *sc->p != '"') {
        return false;
    }
    sc->p++;
    while (sc->p < sc->end) {
        char c = *sc->p++;
        if (c == '"') {
            return true;
        }
        if ((unsigned char)c < 0x20) {
            return false;
        }
        if (c == '\\') {
            if (!read_escape(sc, s)) {
                return false;
            }
        } else {
            sink_put(s, c);
        }
    }
    return false;
}

static bool is_digit(const struct scanner *sc)
{
    return sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9';
}

static void copy_digits(struct scanner *sc, struct sink *s)
{
    while (is_digit(sc)) {
        sink_put(s, *sc->p++);
    }
}

static bool read_number(struct scanner *sc, struct sink *s)
{
    if (sc->p < sc->end && *sc->p == '-') {
        sink_put(s, *sc->p++);
    }
    if (!is_digit(sc)) {
        return false;
    }
    if (*sc->p == '0') {
        sink_put(s, *sc->p++);
    } else {
        copy_digits(sc, s);
    }
    if (sc->p < sc->end && *sc->p == '.') {
        sink_put(s, *sc->p++);
        if (!is_digit(sc)) {
            return false;
        }
        copy_digits(sc, s);
    }
    if (sc->p < sc->end && (*sc->p == 'e' || *sc->p == 'E')) {
        sink_put(s, *sc->p++);
        if (sc->p < sc->end && (*sc->p == '+' || *sc->p == '-')) {
            sink_put(s, *sc->p++);
        }
        if (!is_digit(sc)) {
            return false;
        }
        copy_digits(sc, s);
    }
    return true;
}

static bool read_literal(struct scanner *sc, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0) {
        return false;
    }
    sc->p += n;
    return true;
}

/* Skips a nested object or array, checking that brackets pair up and strings are sound. */
static bool skip_nested(struct scanner *sc)
{
    char stack[JSON_DEPTH_MAX];
    size_t depth = 0;
    char scratch[1];
    struct sink discard = { scratch, sizeof scratch, 0, false };
    do {
        skip_ws(sc);
        if (sc->p >= sc->end) {
            return false;
        }
        char c = *sc->p;
        if (c == '{' || c == '[') {
            if (depth == JSON_DEPTH_MAX) {
                return false;
            }
            stack[depth++] = (c == '{') ? '}' : ']';
            sc->p++;
        } else if (c == '}' || c == ']') {
            if (depth == 0 || stack[depth - 1] != c) {
                return false;
            }
            depth--;
            sc->p++;
        } else if (c == '"') {
            if (!read_string(sc, &discard)) {
                return false;
            }
        } else {
            /* Scalars, commas and colons inside skipped values are not interpreted. */
            sc->p++;
        }
    } while (depth > 0);
    return true;
}

static bool read_value(struct scanner *sc, struct json_member *m, struct sink *s)
{
    char c = *sc->p;
    if (c == '"') {
        m->type = JSON_STRING;
        return read_string(sc, s);
    }
    if (c == '{' || c == '[') {
        m->type = JSON_NESTED;
        return skip_nested(sc);
    }
    if (c == 't') {
        m->type = JSON_TRUE;
        return read_literal(sc, "true");
    }
    if (c == 'f') {
        m->type = JSON_FALSE;
        return read_literal(sc, "false");
    }
    if (c == 'n') {
        m->type = JSON_NULL;
        return read_literal(sc, "null");
    }
    m->type = JSON_NUMBER;
    return read_number(sc, s);
}

/* Reads `"key": value` and hands it to fn; a key too long to be ours is skipped. */
static int read_member(struct scanner *sc, json_member_fn fn, void *ctx)
{
    char key[JSON_KEY_MAX];
    char value[JSON_VALUE_MAX];
    struct sink ks = { key, sizeof key, 0, false };
    struct sink vs = { value, sizeof value, 0, false };
    key[0] = '\0';
    value[0] = '\0';
    if (!read_string(sc, &ks)) {
        return JSON_SCAN_SYNTAX;
    }
    skip_ws(sc);
    if (sc->p >= sc->end || *sc->p != ':') {
        return JSON_SCAN_SYNTAX;
    }
    sc->p++;
    skip_ws(sc);
    struct json_member m = { key, JSON_NULL, NULL, 0, false };
    if (sc->p >= sc->end || !read_value(sc, &m, &vs)) {
        return JSON_SCAN_SYNTAX;
    }
    if (ks.too_long) {
        return JSON_SCAN_OK;
    }
    m.too_long = vs.too_long;
    m.value = vs.too_long ? NULL : value;
    m.value_len = vs.too_long ? 0 : vs.len;
    return fn(ctx, &m);
}

int json_scan_object(const char *text, size_t len, json_member_fn fn, void *ctx)
{
    struct scanner sc = { text, text + len };
    skip_ws(&sc);
    if (sc.p >= sc.end || *sc.p != '{') {
        return JSON_SCAN_SYNTAX;
    }
    sc.p++;
    skip_ws(&sc);
    if (sc.p < sc.end && *sc.p == '}') {
        sc.p++;
    } else {
        for (;;) {
            int rc = read_member(&sc, fn, ctx);
            if (rc != JSON_SCAN_OK) {
                return rc;
            }
            skip_ws(&sc);
            if (sc.p >= sc.end) {
                return JSON_SCAN_SYNTAX;
            }
            char c = *sc.p++;
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return JSON_SCAN_SYNTAX;
            }
            skip_ws(&sc);
        }
    }
    skip_ws(&sc);
    return sc.p == sc.end ? JSON_SCAN_OK : JSON_SCAN_SYNTAX;
}
