#include "button_core/update_notice.h"

#include <string.h>

#include "json_scan.h"
#include "semver.h"
#include "url_check.h"

enum { SEEN_VERSION = 1, SEEN_URL = 2, SEEN_SHA = 4, SEEN_SIZE = 8, SEEN_ALL = 15 };

struct collect {
    struct update_notice *out;
    unsigned seen;
};

static bool copy_string(const struct json_member *m, char *dst, size_t cap)
{
    if (m->type != JSON_STRING || m->too_long || m->value_len == 0 || m->value_len >= cap) {
        return false;
    }
    memcpy(dst, m->value, m->value_len + 1);
    return true;
}

static int hex_nibble(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool parse_sha256(const struct json_member *m, uint8_t digest[32])
{
    if (m->type != JSON_STRING || m->too_long || m->value_len != 64) {
        return false;
    }
    for (size_t i = 0; i < 32; i++) {
        int hi = hex_nibble(m->value[2 * i]);
        int lo = hex_nibble(m->value[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        digest[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/* A plain byte count: no sign, fraction or exponent, fits in 32 bits, not zero. */
static bool parse_size(const struct json_member *m, uint32_t *out)
{
    if (m->type != JSON_NUMBER || m->too_long || m->value_len == 0 || m->value_len > 10) {
        return false;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < m->value_len; i++) {
        char c = m->value[i];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (uint64_t)(c - '0');
    }
    if (v == 0 || v > UINT32_MAX) {
        return false;
    }
    *out = (uint32_t)v;
    return true;
}

static int on_member(void *ctx, const struct json_member *m)
{
    struct collect *c = ctx;
    unsigned bit;
    bool ok;
    if (strcmp(m->key, "version") == 0) {
        bit = SEEN_VERSION;
        ok = copy_string(m, c->out->version, sizeof c->out->version);
    } else if (strcmp(m->key, "url") == 0) {
        bit = SEEN_URL;
        ok = copy_string(m, c->out->url, sizeof c->out->url);
    } else if (strcmp(m->key, "sha256") == 0) {
        bit = SEEN_SHA;
        ok = parse_sha256(m, c->out->sha256);
    } else if (strcmp(m->key, "size") == 0) {
        bit = SEEN_SIZE;
        ok = parse_size(m, &c->out->size);
    } else {
        return 0; /* unknown fields are for newer firmware; ignore them */
    }
    /* A repeated key could be read differently by the gateway's parser: refuse it. */
    if (!ok || (c->seen & bit) != 0) {
        return UPDATE_NOTICE_INVALID_FIELD;
    }
    c->seen |= bit;
    return 0;
}

enum update_notice_result update_notice_parse(const char *payload, size_t len,
                                              const struct update_policy *policy,
                                              struct update_notice *out)
{
    memset(out, 0, sizeof *out);
    if (len > UPDATE_NOTICE_MAX_BYTES) {
        return UPDATE_NOTICE_TOO_LARGE;
    }
    struct collect c = { out, 0 };
    int rc = json_scan_object(payload, len, on_member, &c);
    if (rc == JSON_SCAN_SYNTAX) {
        return UPDATE_NOTICE_MALFORMED;
    }
    struct semver offered;
    if (rc != 0 || c.seen != SEEN_ALL || !semver_parse(out->version, &offered)) {
        return UPDATE_NOTICE_INVALID_FIELD;
    }
    struct url_parts url;
    if (!url_split(out->url, &url) || (!url.https && !policy->allow_http)) {
        return UPDATE_NOTICE_BAD_URL;
    }
    if (!host_equal(url.host, policy->gateway_host)) {
        return UPDATE_NOTICE_WRONG_HOST;
    }
    if (out->size > policy->max_image_size) {
        return UPDATE_NOTICE_IMAGE_TOO_BIG;
    }
    /* A development build with an odd version string counts as 0.0.0, so any release replaces it. */
    struct semver running = { 0, 0, 0 };
    (void)semver_parse(policy->running_version, &running);
    if (semver_compare(&offered, &running) <= 0) {
        return UPDATE_NOTICE_NOT_NEWER;
    }
    return UPDATE_NOTICE_ACCEPTED;
}

const char *update_notice_result_name(enum update_notice_result r)
{
    switch (r) {
    case UPDATE_NOTICE_ACCEPTED: return "accepted";
    case UPDATE_NOTICE_TOO_LARGE: return "too_large";
    case UPDATE_NOTICE_MALFORMED: return "malformed";
    case UPDATE_NOTICE_INVALID_FIELD: return "invalid_field";
    case UPDATE_NOTICE_BAD_URL: return "bad_url";
    case UPDATE_NOTICE_WRONG_HOST: return "wrong_host";
    case UPDATE_NOTICE_IMAGE_TOO_BIG: return "image_too_big";
    case UPDATE_NOTICE_NOT_NEWER: return "not_newer";
    }
    return "unknown";
}

bool update_image_digest_matches(const struct update_notice *n, const uint8_t digest[32])
{
    return memcmp(n->sha256, digest, 32) == 0;
}
