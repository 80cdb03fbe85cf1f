/*
 * Firmware-update notices sent by the gateway (contract: docs/button-mqtt.md).
 *
 * {"version":"1.3.0","url":"http://gateway/fw/button-1.3.0.bin",
 *  "sha256":"<64 hex digits>","size":912384}
 *
 * A notice is acted on only if every check passes; each failure has its own
 * result so the status topic can tell the gateway why a notice was refused.
 */
#ifndef BUTTON_CORE_UPDATE_NOTICE_H
#define BUTTON_CORE_UPDATE_NOTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UPDATE_NOTICE_MAX_BYTES 512 /* longer payloads are refused unread */
#define UPDATE_URL_MAX 200          /* characters, without the NUL */
#define UPDATE_VERSION_MAX 24

enum update_notice_result {
    UPDATE_NOTICE_ACCEPTED = 0,
    UPDATE_NOTICE_TOO_LARGE,     /* payload longer than UPDATE_NOTICE_MAX_BYTES */
    UPDATE_NOTICE_MALFORMED,     /* not one JSON object */
    UPDATE_NOTICE_INVALID_FIELD, /* a field missing, repeated, of the wrong type or format */
    UPDATE_NOTICE_BAD_URL,       /* not an http(s) URL we trust to mean one thing */
    UPDATE_NOTICE_WRONG_HOST,    /* the URL points somewhere other than the gateway */
    UPDATE_NOTICE_IMAGE_TOO_BIG, /* size larger than the OTA partition */
    UPDATE_NOTICE_NOT_NEWER,     /* version not above the running one: nothing to do */
};

struct update_notice {
    char version[UPDATE_VERSION_MAX];
    char url[UPDATE_URL_MAX + 1];
    uint8_t sha256[32];
    uint32_t size;
};

struct update_policy {
    const char *running_version; /* if not MAJOR.MINOR.PATCH, any valid version is newer */
    const char *gateway_host;    /* the only host images are taken from */
    bool allow_http;             /* plain http on the booth LAN; https is always allowed */
    uint32_t max_image_size;
};

/* Checks run in the order of the result codes; the first failure is returned. */
enum update_notice_result update_notice_parse(const char *payload, size_t len,
                                              const struct update_policy *policy,
                                              struct update_notice *out);

/* Stable lower-case names ("accepted", "wrong_host", ...) for logs and the status topic. */
const char *update_notice_result_name(enum update_notice_result r);

/* Constant-time comparison is not needed here: the digest is public, not a secret. */
bool update_image_digest_matches(const struct update_notice *n, const uint8_t digest[32]);

#endif
