/*
 * The button's state machine against a fake platform: every port call is
 * recorded, every link event is injected, time is whatever the test says.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "button_core/button_app.h"
#include "button_core/press_payload.h"
#include "file_store.h"

#define MAX_PUBS 64

struct publication {
    char topic[TOPIC_MAX];
    char payload[STATUS_PAYLOAD_MAX];
    bool retain;
    int msg_id;
};

struct fake {
    int wifi_connects;
    int mqtt_connects;
    int mqtt_connect_rc;
    int publish_rc;
    int next_msg_id;
    struct publication pubs[MAX_PUBS];
    int npubs;
    char subs[4][TOPIC_MAX];
    int nsubs;
    int updates;
    struct update_notice last_update;
};

struct world {
    char dir[64];
    char path[96];
    struct file_store fs;
    struct press_record buffer[4];
    struct fake fake;
    struct button_app app;
    uint64_t now;
};

static int fake_wifi_connect(void *ctx)
{
    ((struct fake *)ctx)->wifi_connects++;
    return 0;
}

static int fake_mqtt_connect(void *ctx)
{
    struct fake *f = ctx;
    f->mqtt_connects++;
    return f->mqtt_connect_rc;
}

static int fake_publish(void *ctx, const char *topic, const char *payload, size_t len, bool retain,
                        int *msg_id)
{
    struct fake *f = ctx;
    if (f->publish_rc != 0 || f->npubs == MAX_PUBS) {
        return -1;
    }
    struct publication *p = &f->pubs[f->npubs++];
    snprintf(p->topic, sizeof p->topic, "%s", topic);
    memcpy(p->payload, payload, len);
    p->payload[len] = '\0';
    p->retain = retain;
    p->msg_id = *msg_id = ++f->next_msg_id;
    return 0;
}

static int fake_subscribe(void *ctx, const char *topic)
{
    struct fake *f = ctx;
    snprintf(f->subs[f->nsubs++ % 4], TOPIC_MAX, "%s", topic);
    return 0;
}

static int fake_start_update(void *ctx, const struct update_notice *n)
{
    struct fake *f = ctx;
    f->updates++;
    f->last_update = *n;
    return 0;
}

static int64_t fake_clock(void *ctx)
{
    (void)ctx;
    return 1764409200000;
}

static uint32_t no_jitter(void *ctx)
{
    (void)ctx;
    return 0;
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    if (w == NULL) {
        return -1;
    }
    strcpy(w->dir, "/tmp/edgebus-app-XXXXXX");
    if (mkdtemp(w->dir) == NULL || (snprintf(w->path, sizeof w->path, "%s/nvs.txt", w->dir), 0) ||
        file_store_open(&w->fs, w->path) != 0) {
        free(w);
        return -1;
    }
    const struct button_config cfg = {
        .device_id = "btn-t", .fw_version = "1.2.0", .gateway_host = "gateway.local",
        .ota_allow_http = true, .ota_max_image_size = 0x180000, .debounce_ms = 20,
        .backoff_min_ms = 100, .backoff_max_ms = 800, .backoff_jitter_pct = 0,
        .ack_timeout_ms = 1000, .error_after_failures = 3, .random = no_jitter,
        .buffer = w->buffer, .buffer_size = 4,
    };
    const struct button_port port = { &w->fake, fake_wifi_connect, fake_mqtt_connect, fake_publish,
                                      fake_subscribe, fake_start_update, fake_clock };
    w->now = 1000;
    if (button_app_init(&w->app, &cfg, &port, &w->fs.kv) != 0) {
        return -1;
    }
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    unlink(w->path);
    rmdir(w->dir);
    free(w);
    return 0;
}

static void poll_for(struct world *w, uint32_t ms, bool pressed)
{
    for (uint32_t t = 0; t < ms; t += 5) {
        button_app_poll(&w->app, w->now, pressed);
        w->now += 5;
    }
}

static void press(struct world *w)
{
    poll_for(w, 40, true);
    poll_for(w, 40, false);
}

static void bring_up(struct world *w)
{
    poll_for(w, 5, false);
    button_app_wifi_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    button_app_mqtt_event(&w->app, w->now, true);
    poll_for(w, 5, false);
}

static const struct publication *last_pub(const struct world *w)
{
    assert_true(w->fake.npubs > 0);
    return &w->fake.pubs[w->fake.npubs - 1];
}

static int count_pubs(const struct world *w, const char *topic)
{
    int n = 0;
    for (int i = 0; i < w->fake.npubs; i++) {
        n += strcmp(w->fake.pubs[i].topic, topic) == 0;
    }
    return n;
}

static uint32_t seq_of(const struct publication *p)
{
    const char *s = strstr(p->payload, "\"seq\":");
    assert_non_null(s);
    return (uint32_t)strtoul(s + 6, NULL, 10);
}

static void test_first_poll_starts_wifi_then_mqtt_then_subscribes_and_reports_online(void **state)
{
    struct world *w = *state;
    poll_for(w, 5, false);
    assert_int_equal(w->fake.wifi_connects, 1);
    assert_int_equal(w->fake.mqtt_connects, 0);
    button_app_wifi_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    assert_int_equal(w->fake.mqtt_connects, 1);
    button_app_mqtt_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    assert_int_equal(w->fake.nsubs, 2);
    assert_string_equal(w->fake.subs[0], "edgebus/button/btn-t/update");
    assert_string_equal(w->fake.subs[1], "edgebus/button/update");
    assert_string_equal(last_pub(w)->topic, "edgebus/button/btn-t/status");
    assert_true(last_pub(w)->retain);
    assert_non_null(strstr(last_pub(w)->payload, "\"state\":\"online\""));
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_READY);
}

static void test_press_is_published_and_removed_from_buffer_on_puback(void **state)
{
    struct world *w = *state;
    bring_up(w);
    press(w);
    const struct publication *p = last_pub(w);
    assert_string_equal(p->topic, "edgebus/button/btn-t/press");
    assert_false(p->retain);
    assert_string_equal(p->payload, "{\"device\":\"btn-t\",\"seq\":1,\"ts\":1764409200000,\"fw\":\"1.2.0\"}");
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_SENDING);
    button_app_published(&w->app, w->now, p->msg_id);
    assert_int_equal(press_queue_count(&w->app.queue), 0);
    poll_for(w, BUTTON_SENDING_SHOW_MS, false);
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_READY);
    assert_int_equal(count_pubs(w, "edgebus/button/btn-t/press"), 1);
}

static void test_presses_while_disconnected_go_out_in_order_one_at_a_time(void **state)
{
    struct world *w = *state;
    poll_for(w, 5, false);
    press(w);
    press(w);
    press(w);
    assert_int_equal(w->fake.npubs, 0);
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_CONNECTING);
    button_app_wifi_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    button_app_mqtt_event(&w->app, w->now, true);
    for (uint32_t expected = 1; expected <= 3; expected++) {
        poll_for(w, 10, false);
        assert_int_equal(seq_of(last_pub(w)), expected);
        poll_for(w, 10, false); /* no second press goes out before the first is acked */
        assert_int_equal(seq_of(last_pub(w)), expected);
        button_app_published(&w->app, w->now, last_pub(w)->msg_id);
    }
    assert_int_equal(count_pubs(w, "edgebus/button/btn-t/press"), 3);
}

static void test_press_without_puback_is_sent_again_with_the_same_seq(void **state)
{
    struct world *w = *state;
    bring_up(w);
    press(w);
    int first_id = last_pub(w)->msg_id;
    poll_for(w, 1000, false);
    assert_int_equal(count_pubs(w, "edgebus/button/btn-t/press"), 2);
    assert_int_equal(seq_of(last_pub(w)), 1);
    /* The late ack of the first copy is not mistaken for the second one. */
    button_app_published(&w->app, w->now, first_id);
    assert_int_equal(press_queue_count(&w->app.queue), 1);
    button_app_published(&w->app, w->now, last_pub(w)->msg_id);
    assert_int_equal(press_queue_count(&w->app.queue), 0);
}

static void test_press_in_flight_when_link_drops_is_resent_after_reconnect(void **state)
{
    struct world *w = *state;
    bring_up(w);
    press(w);
    button_app_mqtt_event(&w->app, w->now, false);
    poll_for(w, 100, false);
    button_app_mqtt_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    assert_int_equal(count_pubs(w, "edgebus/button/btn-t/press"), 2);
    assert_int_equal(seq_of(last_pub(w)), 1);
}

static void test_failed_broker_attempts_back_off_and_reset_after_success(void **state)
{
    struct world *w = *state;
    poll_for(w, 5, false);
    button_app_wifi_event(&w->app, w->now, true);
    w->fake.mqtt_connect_rc = -1;
    /* Attempts at 0, then after 100, 200, 400, 800, 800 ms (no jitter in this test). */
    const uint32_t gaps[] = { 100, 200, 400, 800, 800 };
    poll_for(w, 5, false);
    assert_int_equal(w->fake.mqtt_connects, 1);
    for (size_t i = 0; i < sizeof gaps / sizeof gaps[0]; i++) {
        poll_for(w, gaps[i] - 5, false);
        assert_int_equal(w->fake.mqtt_connects, (int)i + 1);
        poll_for(w, 5, false);
        assert_int_equal(w->fake.mqtt_connects, (int)i + 2);
    }
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_ERROR);
    w->fake.mqtt_connect_rc = 0;
    poll_for(w, 800, false);
    button_app_mqtt_event(&w->app, w->now, true);
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_READY);
    int before = w->fake.mqtt_connects;
    button_app_mqtt_event(&w->app, w->now, false);
    poll_for(w, 95, false);
    assert_int_equal(w->fake.mqtt_connects, before);
    poll_for(w, 10, false);
    assert_int_equal(w->fake.mqtt_connects, before + 1);
}

static void test_losing_wifi_stops_sending_and_rejoins_at_once(void **state)
{
    struct world *w = *state;
    bring_up(w);
    button_app_wifi_event(&w->app, w->now, false);
    press(w);
    assert_int_equal(count_pubs(w, "edgebus/button/btn-t/press"), 0);
    assert_int_equal(w->fake.wifi_connects, 2);
    button_app_wifi_event(&w->app, w->now, false); /* that attempt failed: back off now */
    poll_for(w, 95, false);
    assert_int_equal(w->fake.wifi_connects, 2);
    poll_for(w, 10, false);
    assert_int_equal(w->fake.wifi_connects, 3);
}

static void test_connect_attempt_with_no_outcome_times_out_and_is_retried(void **state)
{
    struct world *w = *state;
    poll_for(w, 5, false);
    assert_int_equal(w->fake.wifi_connects, 1);
    poll_for(w, BUTTON_CONNECT_TIMEOUT_MS + 200, false);
    assert_int_equal(w->fake.wifi_connects, 2);
}

static void test_full_buffer_drops_oldest_shows_error_and_reports_the_count(void **state)
{
    struct world *w = *state;
    poll_for(w, 5, false);
    for (int i = 0; i < 6; i++) {
        press(w);
    }
    assert_int_equal(w->app.queue.dropped, 2);
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_ERROR);
    button_app_wifi_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    button_app_mqtt_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    int status_before = count_pubs(w, "edgebus/button/btn-t/status");
    assert_non_null(strstr(w->fake.pubs[0].payload, "\"dropped\":2"));
    for (uint32_t expected = 3; expected <= 6; expected++) {
        assert_int_equal(seq_of(last_pub(w)), expected);
        button_app_published(&w->app, w->now, last_pub(w)->msg_id);
        poll_for(w, 5, false);
    }
    /* Once the backlog is gone the error clears and a fresh status says so. */
    assert_int_equal(count_pubs(w, "edgebus/button/btn-t/status"), status_before + 1);
    assert_int_not_equal(button_app_state(&w->app, w->now), BUTTON_ERROR);
}

#define NOTICE(host, version) \
    "{\"version\":\"" version "\",\"url\":\"http://" host "/fw.bin\",\"sha256\":\"" \
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\",\"size\":1000}"

static void test_accepted_notice_starts_the_update_and_further_notices_wait(void **state)
{
    struct world *w = *state;
    bring_up(w);
    const char *n = NOTICE("gateway.local", "1.3.0");
    assert_int_equal(button_app_message(&w->app, "edgebus/button/update", n, strlen(n)), UPDATE_NOTICE_ACCEPTED);
    assert_int_equal(w->fake.updates, 1);
    assert_string_equal(w->fake.last_update.url, "http://gateway.local/fw.bin");
    assert_int_equal(button_app_state(&w->app, w->now), BUTTON_UPDATING);
    assert_int_equal(button_app_message(&w->app, "edgebus/button/btn-t/update", n, strlen(n)), -1);
    assert_int_equal(w->fake.updates, 1);
    button_app_update_failed(&w->app, "sha256_mismatch");
    poll_for(w, 5, false);
    assert_non_null(strstr(last_pub(w)->payload, "\"update\":\"sha256_mismatch\""));
    assert_int_equal(button_app_message(&w->app, "edgebus/button/btn-t/update", n, strlen(n)), UPDATE_NOTICE_ACCEPTED);
    assert_int_equal(w->fake.updates, 2);
}

static void test_refused_notice_is_reported_on_the_status_topic(void **state)
{
    struct world *w = *state;
    bring_up(w);
    const char *n = NOTICE("evil.example", "1.3.0");
    assert_int_equal(button_app_message(&w->app, "edgebus/button/btn-t/update", n, strlen(n)),
                     UPDATE_NOTICE_WRONG_HOST);
    poll_for(w, 5, false);
    assert_string_equal(last_pub(w)->topic, "edgebus/button/btn-t/status");
    assert_non_null(strstr(last_pub(w)->payload, "\"update\":\"wrong_host\""));
    assert_int_equal(w->fake.updates, 0);
}

static void test_retained_notice_for_the_running_version_changes_nothing(void **state)
{
    struct world *w = *state;
    bring_up(w);
    int pubs = w->fake.npubs;
    const char *n = NOTICE("gateway.local", "1.2.0");
    assert_int_equal(button_app_message(&w->app, "edgebus/button/update", n, strlen(n)), UPDATE_NOTICE_NOT_NEWER);
    poll_for(w, 5, false);
    assert_int_equal(w->fake.npubs, pubs);
    assert_int_equal(w->fake.updates, 0);
}

static void test_withdrawn_retained_notice_is_ignored_silently(void **state)
{
    struct world *w = *state;
    bring_up(w);
    int pubs = w->fake.npubs;
    assert_int_equal(button_app_message(&w->app, "edgebus/button/update", "", 0), -1);
    poll_for(w, 5, false);
    assert_int_equal(w->fake.npubs, pubs);
}

static void test_messages_on_other_topics_are_ignored(void **state)
{
    struct world *w = *state;
    bring_up(w);
    const char *n = NOTICE("gateway.local", "1.3.0");
    assert_int_equal(button_app_message(&w->app, "edgebus/button/other/update", n, strlen(n)), -1);
    assert_int_equal(w->fake.updates, 0);
}

static void test_press_counter_continues_after_a_reboot(void **state)
{
    struct world *w = *state;
    bring_up(w);
    press(w);
    press(w);
    struct button_app again;
    struct file_store fs;
    assert_int_equal(file_store_open(&fs, w->path), 0);
    const struct button_config cfg = {
        .device_id = "btn-t", .fw_version = "1.2.0", .gateway_host = "gateway.local",
        .debounce_ms = 20, .backoff_min_ms = 100, .backoff_max_ms = 800, .ack_timeout_ms = 1000,
        .error_after_failures = 3, .random = no_jitter, .buffer = w->buffer, .buffer_size = 4,
    };
    assert_int_equal(button_app_init(&again, &cfg, &w->app.port, &fs.kv), 0);
    assert_int_equal(again.state.presses, 2);
    assert_int_equal(again.state.boots, 2);
}

static void test_unusable_configuration_is_refused(void **state)
{
    struct world *w = *state;
    struct button_app app;
    struct button_config cfg = {
        .device_id = "bad/id", .fw_version = "1.2.0", .gateway_host = "gateway.local",
        .debounce_ms = 20, .backoff_min_ms = 100, .backoff_max_ms = 800, .ack_timeout_ms = 1000,
        .error_after_failures = 3, .random = no_jitter, .buffer = w->buffer, .buffer_size = 4,
    };
    assert_int_equal(button_app_init(&app, &cfg, &w->app.port, &w->fs.kv), -1);
    cfg.device_id = "ok";
    cfg.buffer_size = 0;
    assert_int_equal(button_app_init(&app, &cfg, &w->app.port, &w->fs.kv), -1);
    cfg.buffer_size = 4;
    cfg.backoff_min_ms = 0;
    assert_int_equal(button_app_init(&app, &cfg, &w->app.port, &w->fs.kv), -1);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_first_poll_starts_wifi_then_mqtt_then_subscribes_and_reports_online),
        T(test_press_is_published_and_removed_from_buffer_on_puback),
        T(test_presses_while_disconnected_go_out_in_order_one_at_a_time),
        T(test_press_without_puback_is_sent_again_with_the_same_seq),
        T(test_press_in_flight_when_link_drops_is_resent_after_reconnect),
        T(test_failed_broker_attempts_back_off_and_reset_after_success),
        T(test_losing_wifi_stops_sending_and_rejoins_at_once),
        T(test_connect_attempt_with_no_outcome_times_out_and_is_retried),
        T(test_full_buffer_drops_oldest_shows_error_and_reports_the_count),
        T(test_accepted_notice_starts_the_update_and_further_notices_wait),
        T(test_refused_notice_is_reported_on_the_status_topic),
        T(test_retained_notice_for_the_running_version_changes_nothing),
        T(test_withdrawn_retained_notice_is_ignored_silently),
        T(test_messages_on_other_topics_are_ignored),
        T(test_press_counter_continues_after_a_reboot),
        T(test_unusable_configuration_is_refused),
    };
    return cmocka_run_group_tests_name("button_app", tests, NULL, NULL);
}
