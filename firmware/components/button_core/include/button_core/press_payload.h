/*
 * The JSON documents the button publishes (contract: docs/button-mqtt.md).
 *
 * Every encoder writes a complete document or nothing: when the result would
 * not fit in cap bytes (NUL included) it returns -1 and leaves "" in buf,
 * because a truncated JSON press is worse than an unsent one.
 */
#ifndef BUTTON_CORE_PRESS_PAYLOAD_H
#define BUTTON_CORE_PRESS_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

/* Room for any press with a valid device id (<= 32 chars) and version (<= 31 chars). */
#define PRESS_PAYLOAD_MAX 192
#define STATUS_PAYLOAD_MAX 384
#define OFFLINE_PAYLOAD_MAX 96

/* {"device":"btn-01","seq":42,"ts":1764409200123,"fw":"1.0.0"}; ts 0 = clock not set. */
int press_payload_encode(char *buf, size_t cap, const char *device, uint32_t seq, int64_t ts_ms,
                         const char *fw);

struct status_report {
    const char *device;
    const char *state;      /* "online" or "offline" */
    const char *fw;
    const char *prev_fw;    /* firmware before the last update, "" if none */
    uint32_t presses;       /* last sequence number issued */
    uint32_t buffered;      /* presses waiting for the broker */
    uint32_t dropped;       /* presses lost to a full buffer since boot */
    uint32_t boots;
    const char *update;     /* outcome of the last update notice, "" if none */
    int storage_ok;         /* 0 if the press counter could not be saved */
};

int status_payload_encode(char *buf, size_t cap, const struct status_report *s);

/* The last-will document: {"device":"btn-01","state":"offline"} */
int offline_payload_encode(char *buf, size_t cap, const char *device);

#endif
