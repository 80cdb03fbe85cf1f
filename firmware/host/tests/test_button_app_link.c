/* button_app: connecting, back-off, sending and buffering presses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_platform.h"

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

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, world_setup, world_teardown)
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
    };
    return cmocka_run_group_tests_name("button_app_link", tests, NULL, NULL);
}
