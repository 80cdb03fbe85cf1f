#include "button_core/button_app.h"

#include <string.h>

#include "button_core/press_payload.h"

static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int button_app_init(struct button_app *app, const struct button_config *cfg,
                    const struct button_port *port, const struct kv_store *store)
{
    memset(app, 0, sizeof *app);
    if (cfg->buffer == NULL || cfg->buffer_size == 0 || cfg->error_after_failures == 0 ||
        !gateway_host_valid(cfg->gateway_host) ||
        button_topics_build(&app->topics, cfg->device_id) != 0) {
        return -1;
    }
    if (backoff_init(&app->wifi_backoff, cfg->backoff_min_ms, cfg->backoff_max_ms,
                     cfg->backoff_jitter_pct, cfg->random, cfg->random_ctx) != 0 ||
        backoff_init(&app->mqtt_backoff, cfg->backoff_min_ms, cfg->backoff_max_ms,
                     cfg->backoff_jitter_pct, cfg->random, cfg->random_ctx) != 0) {
        return -1;
    }
    app->port = *port;
    copy_text(app->device_id, sizeof app->device_id, cfg->device_id);
    copy_text(app->gateway_host, sizeof app->gateway_host, cfg->gateway_host);
    (void)device_state_load(&app->state, store, cfg->fw_version);
    app->policy.running_version = app->state.fw;
    app->policy.gateway_host = app->gateway_host;
    app->policy.allow_http = cfg->ota_allow_http;
    app->policy.max_image_size = cfg->ota_max_image_size;
    app->debounce_ms = cfg->debounce_ms;
    press_queue_init(&app->queue, cfg->buffer, cfg->buffer_size);
    app->ack_timeout_ms = cfg->ack_timeout_ms;
    app->error_after_failures = cfg->error_after_failures;
    return 0;
}

static void record_press(struct button_app *app)
{
    struct press_record r;
    /* Numbered (and saved) before buffering, so even a press that is later dropped keeps its seq. */
    if (device_state_next_seq(&app->state, &r.seq) != 0) {
        app->status_due = true;
    }
    r.ts_ms = app->port.wall_clock_ms(app->port.ctx);
    if (press_queue_push(&app->queue, r)) {
        app->drop_unreported = true;
        app->status_due = true;
    }
}

static void connect_failed(struct button_app *app, uint64_t now_ms, bool wifi)
{
    app->failures++;
    if (wifi) {
        app->wifi_trying = false;
        app->wifi_retry_at = now_ms + backoff_next_ms(&app->wifi_backoff);
    } else {
        app->mqtt_trying = false;
        app->mqtt_retry_at = now_ms + backoff_next_ms(&app->mqtt_backoff);
    }
}

static void drive_links(struct button_app *app, uint64_t now_ms)
{
    if (app->wifi_trying && now_ms - app->attempt_started >= BUTTON_CONNECT_TIMEOUT_MS) {
        connect_failed(app, now_ms, true);
    }
    if (app->mqtt_trying && now_ms - app->attempt_started >= BUTTON_CONNECT_TIMEOUT_MS) {
        connect_failed(app, now_ms, false);
    }
    if (!app->wifi_up && !app->wifi_trying && now_ms >= app->wifi_retry_at) {
        app->wifi_trying = true;
        app->attempt_started = now_ms;
        if (app->port.wifi_connect(app->port.ctx) != 0) {
            connect_failed(app, now_ms, true);
        }
    }
    if (app->wifi_up && !app->mqtt_up && !app->mqtt_trying && now_ms >= app->mqtt_retry_at) {
        app->mqtt_trying = true;
        app->attempt_started = now_ms;
        if (app->port.mqtt_connect(app->port.ctx) != 0) {
            connect_failed(app, now_ms, false);
        }
    }
}

static bool publish_status(struct button_app *app, uint64_t now_ms)
{
    char payload[STATUS_PAYLOAD_MAX];
    struct status_report s = {
        .device = app->device_id,
        .state = "online",
        .fw = app->state.fw,
        .prev_fw = app->state.prev_fw,
        .presses = app->state.presses,
        .buffered = (uint32_t)press_queue_count(&app->queue),
        .dropped = app->queue.dropped,
        .boots = app->state.boots,
        .update = app->update_note,
        .storage_ok = app->state.storage_ok,
    };
    int len = status_payload_encode(payload, sizeof payload, &s);
    int msg_id;
    if (len < 0 || app->port.mqtt_publish(app->port.ctx, app->topics.status, payload, (size_t)len,
                                          true, &msg_id) != 0) {
        app->publish_hold_until = now_ms + BUTTON_PUBLISH_RETRY_MS;
        return false;
    }
    app->status_due = false;
    return true;
}

static void send_head(struct button_app *app, uint64_t now_ms)
{
    const struct press_record *r = press_queue_peek(&app->queue);
    char payload[PRESS_PAYLOAD_MAX];
    int len = press_payload_encode(payload, sizeof payload, app->device_id, r->seq, r->ts_ms,
                                   app->state.fw);
    int msg_id;
    /* Cannot fail to encode with a valid id; if it ever did, holding the press would block the rest. */
    if (len < 0) {
        (void)press_queue_pop_seq(&app->queue, r->seq);
        return;
    }
    if (app->port.mqtt_publish(app->port.ctx, app->topics.press, payload, (size_t)len, false,
                               &msg_id) != 0) {
        app->publish_hold_until = now_ms + BUTTON_PUBLISH_RETRY_MS;
        return;
    }
    app->in_flight = true;
    app->in_flight_msg_id = msg_id;
    app->in_flight_seq = r->seq;
    app->in_flight_since = now_ms;
}

static void drive_sending(struct button_app *app, uint64_t now_ms)
{
    if (!app->mqtt_up || now_ms < app->publish_hold_until) {
        return;
    }
    if (app->subscribe_due) {
        if (app->port.mqtt_subscribe(app->port.ctx, app->topics.update) != 0 ||
            app->port.mqtt_subscribe(app->port.ctx, TOPIC_UPDATE_ALL) != 0) {
            app->publish_hold_until = now_ms + BUTTON_PUBLISH_RETRY_MS;
            return;
        }
        app->subscribe_due = false;
    }
    if (app->status_due && !publish_status(app, now_ms)) {
        return;
    }
    if (app->in_flight && now_ms - app->in_flight_since >= app->ack_timeout_ms) {
        /* No PUBACK in time: send the same seq again rather than wait forever. */
        app->in_flight = false;
    }
    if (!app->in_flight && press_queue_peek(&app->queue) != NULL) {
        send_head(app, now_ms);
    }
}

void button_app_poll(struct button_app *app, uint64_t now_ms, bool raw_pressed)
{
    if (!app->debounce_ready) {
        debounce_init(&app->debounce, app->debounce_ms, now_ms, raw_pressed);
        app->debounce_ready = true;
    } else if (debounce_update(&app->debounce, now_ms, raw_pressed)) {
        record_press(app);
    }
    drive_links(app, now_ms);
    drive_sending(app, now_ms);
}

void button_app_wifi_event(struct button_app *app, uint64_t now_ms, bool up)
{
    if (up) {
        app->wifi_up = true;
        app->wifi_trying = false;
        backoff_reset(&app->wifi_backoff);
        app->mqtt_retry_at = now_ms;
        return;
    }
    if (!app->wifi_up && !app->wifi_trying) {
        return; /* a late duplicate: a retry is already scheduled */
    }
    bool was_up = app->wifi_up;
    app->wifi_up = false;
    app->mqtt_up = false;
    app->mqtt_trying = false;
    app->in_flight = false;
    if (was_up) {
        app->wifi_trying = false;
        app->wifi_retry_at = now_ms;
    } else {
        connect_failed(app, now_ms, true);
    }
}

void button_app_mqtt_event(struct button_app *app, uint64_t now_ms, bool up)
{
    if (up) {
        app->mqtt_up = true;
        app->mqtt_trying = false;
        app->failures = 0;
        backoff_reset(&app->mqtt_backoff);
        /* Clean session: subscriptions and in-flight state did not survive the last link. */
        app->subscribe_due = true;
        app->status_due = true;
        app->in_flight = false;
        app->publish_hold_until = now_ms;
        return;
    }
    if (!app->mqtt_up && !app->mqtt_trying) {
        return;
    }
    app->mqtt_up = false;
    app->in_flight = false;
    connect_failed(app, now_ms, false);
}

void button_app_published(struct button_app *app, uint64_t now_ms, int msg_id)
{
    if (!app->in_flight || msg_id != app->in_flight_msg_id) {
        return; /* a status message, or an ack that arrived after we gave up on it */
    }
    app->in_flight = false;
    (void)press_queue_pop_seq(&app->queue, app->in_flight_seq);
    app->sending_until = now_ms + BUTTON_SENDING_SHOW_MS;
    if (press_queue_count(&app->queue) == 0 && app->drop_unreported) {
        app->drop_unreported = false;
        app->status_due = true;
    }
}

int button_app_message(struct button_app *app, const char *topic, const char *payload, size_t len)
{
    if (app->updating || (strcmp(topic, app->topics.update) != 0 && strcmp(topic, TOPIC_UPDATE_ALL) != 0)) {
        return -1;
    }
    /* An empty message is how a retained notice is withdrawn: nothing to do, nothing to report. */
    if (len == 0) {
        return -1;
    }
    struct update_notice notice;
    enum update_notice_result r = update_notice_parse(payload, len, &app->policy, &notice);
    /* "Not newer" is the normal answer to a retained notice we already run: not worth a status. */
    if (r == UPDATE_NOTICE_NOT_NEWER) {
        return (int)r;
    }
    if (r == UPDATE_NOTICE_ACCEPTED) {
        if (app->port.start_update(app->port.ctx, &notice) == 0) {
            app->updating = true;
            copy_text(app->update_note, sizeof app->update_note, "started");
        } else {
            copy_text(app->update_note, sizeof app->update_note, "start_failed");
        }
    } else {
        copy_text(app->update_note, sizeof app->update_note, update_notice_result_name(r));
    }
    app->status_due = true;
    return (int)r;
}

void button_app_update_failed(struct button_app *app, const char *reason)
{
    app->updating = false;
    copy_text(app->update_note, sizeof app->update_note, reason);
    app->status_due = true;
}

enum button_state button_app_state(const struct button_app *app, uint64_t now_ms)
{
    if (app->updating) {
        return BUTTON_UPDATING;
    }
    if (app->drop_unreported || !app->state.storage_ok || app->failures >= app->error_after_failures) {
        return BUTTON_ERROR;
    }
    if (!app->mqtt_up) {
        return BUTTON_CONNECTING;
    }
    if (press_queue_count(&app->queue) > 0 || now_ms < app->sending_until) {
        return BUTTON_SENDING;
    }
    return BUTTON_READY;
}

int button_app_last_will(const struct button_app *app, char *buf, size_t cap)
{
    return offline_payload_encode(buf, cap, app->device_id);
}
