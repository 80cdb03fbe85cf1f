/*
 * The button's behaviour, independent of ESP-IDF: turns samples of the pin
 * and link events into sequence-numbered presses, buffers them while the
 * broker is away, (re)connects with back-off, reports status and reacts to
 * update notices.
 *
 * Single-threaded by design: the platform calls every function from one task
 * (the ESP layer forwards Wi-Fi/MQTT events through a queue into that task).
 * Port functions are never called re-entrantly: outcomes of connect/publish
 * come back later through the *_event and button_app_published functions.
 *
 * Delivery: presses are sent one at a time with QoS 1 and removed from the
 * buffer only on PUBACK, so they arrive in order, at least once. After a
 * reconnect or an ack timeout the same press (same seq) is sent again; the
 * gateway deduplicates on device + seq.
 */
#ifndef BUTTON_CORE_BUTTON_APP_H
#define BUTTON_CORE_BUTTON_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "button_core/backoff.h"
#include "button_core/debounce.h"
#include "button_core/device_state.h"
#include "button_core/kv_store.h"
#include "button_core/led_pattern.h"
#include "button_core/press_queue.h"
#include "button_core/settings.h"
#include "button_core/topics.h"
#include "button_core/update_notice.h"

/* A connect attempt with no outcome after this long counts as failed. */
#define BUTTON_CONNECT_TIMEOUT_MS 30000
/* Pause before trying again when the MQTT client refuses a publish. */
#define BUTTON_PUBLISH_RETRY_MS 1000
/* The LED keeps showing "sending" this long after an ack, so a fast round trip is still seen. */
#define BUTTON_SENDING_SHOW_MS 200

/* What the platform provides. Each returns 0 on success (request accepted). */
struct button_port {
    void *ctx;
    /* Start one attempt; the outcome arrives through button_app_wifi_event / _mqtt_event. */
    int (*wifi_connect)(void *ctx);
    int (*mqtt_connect)(void *ctx);
    /* QoS 1. On success *msg_id identifies the PUBACK reported to button_app_published. */
    int (*mqtt_publish)(void *ctx, const char *topic, const char *payload, size_t len, bool retain,
                        int *msg_id);
    int (*mqtt_subscribe)(void *ctx, const char *topic);
    /* Begin downloading the image; on failure report through button_app_update_failed. */
    int (*start_update)(void *ctx, const struct update_notice *notice);
    /* Milliseconds since the Unix epoch, or 0 while the clock is not set. */
    int64_t (*wall_clock_ms)(void *ctx);
};

struct button_config {
    const char *device_id;
    const char *fw_version;
    const char *gateway_host;
    bool ota_allow_http;
    uint32_t ota_max_image_size;
    uint32_t debounce_ms;
    uint32_t backoff_min_ms;
    uint32_t backoff_max_ms;
    uint32_t backoff_jitter_pct;
    uint32_t ack_timeout_ms;
    uint32_t error_after_failures; /* consecutive failed attempts before the LED shows error */
    random_fn random;
    void *random_ctx;
    struct press_record *buffer; /* the outbound press buffer, buffer_size records */
    size_t buffer_size;
};

struct button_app {
    struct button_port port;
    char device_id[DEVICE_ID_MAX];
    char gateway_host[GATEWAY_HOST_MAX];
    struct update_policy policy;
    struct button_topics topics;
    struct debounce debounce;
    uint32_t debounce_ms;
    bool debounce_ready;
    struct backoff wifi_backoff;
    struct backoff mqtt_backoff;
    struct press_queue queue;
    struct device_state state;
    uint32_t ack_timeout_ms;
    uint32_t error_after_failures;

    bool wifi_up, wifi_trying, mqtt_up, mqtt_trying;
    uint64_t wifi_retry_at, mqtt_retry_at, attempt_started;
    uint32_t failures;

    bool in_flight;
    int in_flight_msg_id;
    uint32_t in_flight_seq;
    uint64_t in_flight_since;
    uint64_t publish_hold_until;
    uint64_t sending_until;
    bool drop_unreported; /* presses were dropped and the buffer has not emptied since */

    bool subscribe_due, status_due, updating;
    char update_note[24];
};

/* Returns 0, or -1 for an unusable config (invalid device id or host, back-off values,
 * no buffer, error_after_failures 0). A failing store is not fatal: see device_state. */
int button_app_init(struct button_app *app, const struct button_config *cfg,
                    const struct button_port *port, const struct kv_store *store);

/* Call every few milliseconds with the raw pin level (true = pressed). */
void button_app_poll(struct button_app *app, uint64_t now_ms, bool raw_pressed);

void button_app_wifi_event(struct button_app *app, uint64_t now_ms, bool up);
void button_app_mqtt_event(struct button_app *app, uint64_t now_ms, bool up);
void button_app_published(struct button_app *app, uint64_t now_ms, int msg_id);

/* Returns -1 if the topic is not an update topic, the payload is empty (a retained notice
 * being withdrawn) or an update is already running; otherwise the update_notice_result. */
int button_app_message(struct button_app *app, const char *topic, const char *payload, size_t len);

/* The download or its check failed; reason goes to the status topic. */
void button_app_update_failed(struct button_app *app, const char *reason);

enum button_state button_app_state(const struct button_app *app, uint64_t now_ms);

/* The retained offline document for the MQTT last will (topic: app->topics.status). */
int button_app_last_will(const struct button_app *app, char *buf, size_t cap);

#endif
