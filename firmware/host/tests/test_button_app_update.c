/* button_app: update notices, persistence across reboots, configuration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_platform.h"

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
#define T(name) cmocka_unit_test_setup_teardown(name, world_setup, world_teardown)
    const struct CMUnitTest tests[] = {
        T(test_accepted_notice_starts_the_update_and_further_notices_wait),
        T(test_refused_notice_is_reported_on_the_status_topic),
        T(test_retained_notice_for_the_running_version_changes_nothing),
        T(test_withdrawn_retained_notice_is_ignored_silently),
        T(test_messages_on_other_topics_are_ignored),
        T(test_press_counter_continues_after_a_reboot),
        T(test_unusable_configuration_is_refused),
    };
    return cmocka_run_group_tests_name("button_app_update", tests, NULL, NULL);
}
