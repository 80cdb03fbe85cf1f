/*
 * Debounce on bouncing input traces. Each trace lists the moments the raw pin
 * changed. They are modelled on published tact-switch measurements (runs of
 * 1-3 ms, bursts up to ~12 ms on press and on release), not captured from our
 * hardware. They are sampled at 1 ms and at the firmware's 5 ms poll rate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "button_core/debounce.h"

#define SETTLE_MS 30

struct edge {
    uint32_t at_ms;
    bool pressed;
};

struct trace {
    const struct edge *edges;
    size_t count;
    uint32_t end_ms;
};

#define TRACE(e, end) { (e), sizeof(e) / sizeof((e)[0]), (end) }

/* Plays a trace into the debouncer; returns the number of presses, first press time in *first. */
static int play(const struct trace *t, uint32_t sample_ms, bool start_pressed, uint32_t *first)
{
    struct debounce d;
    debounce_init(&d, SETTLE_MS, 0, start_pressed);
    bool level = start_pressed;
    size_t next = 0;
    int presses = 0;
    for (uint32_t now = 0; now <= t->end_ms; now += sample_ms) {
        while (next < t->count && t->edges[next].at_ms <= now) {
            level = t->edges[next++].pressed;
        }
        if (debounce_update(&d, now, level)) {
            if (presses == 0 && first != NULL) {
                *first = now;
            }
            presses++;
        }
    }
    return presses;
}

static const struct edge press_with_bounce[] = {
    { 100, true }, { 101, false }, { 103, true }, { 104, false }, { 106, true }, { 108, false },
    { 109, true },
    { 250, false }, { 251, true }, { 253, false }, { 256, true }, { 257, false },
};

static const struct edge release_bouncing_for_12ms[] = {
    { 100, true },
    { 200, false }, { 203, true }, { 206, false }, { 209, true }, { 212, false },
};

static const struct edge double_press_150ms_apart[] = {
    { 100, true }, { 101, false }, { 102, true },
    { 170, false }, { 172, true }, { 173, false },
    { 250, true }, { 252, false }, { 254, true },
    { 320, false }, { 321, true }, { 322, false },
};

static const struct edge noise_spike[] = {
    { 100, true }, { 103, false },
};

static const struct edge held_at_boot_then_released_and_pressed[] = {
    { 50, false }, { 52, true }, { 53, false },
    { 200, true }, { 201, false }, { 202, true },
};

static void test_bounce_within_window_makes_one_press(void **state)
{
    (void)state;
    struct trace t = TRACE(press_with_bounce, 400);
    assert_int_equal(play(&t, 1, false, NULL), 1);
}

static void test_bouncing_release_never_makes_a_second_press(void **state)
{
    (void)state;
    struct trace t = TRACE(release_bouncing_for_12ms, 400);
    assert_int_equal(play(&t, 1, false, NULL), 1);
}

static void test_real_double_press_150ms_apart_makes_two_presses(void **state)
{
    (void)state;
    struct trace t = TRACE(double_press_150ms_apart, 500);
    assert_int_equal(play(&t, 1, false, NULL), 2);
}

static void test_traces_give_the_same_presses_at_the_5ms_poll_rate(void **state)
{
    (void)state;
    struct trace bounce = TRACE(press_with_bounce, 400);
    struct trace release = TRACE(release_bouncing_for_12ms, 400);
    struct trace twice = TRACE(double_press_150ms_apart, 500);
    assert_int_equal(play(&bounce, 5, false, NULL), 1);
    assert_int_equal(play(&release, 5, false, NULL), 1);
    assert_int_equal(play(&twice, 5, false, NULL), 2);
}

static void test_noise_spike_shorter_than_settle_time_is_no_press(void **state)
{
    (void)state;
    struct trace t = TRACE(noise_spike, 300);
    assert_int_equal(play(&t, 1, false, NULL), 0);
}

static void test_press_is_reported_settle_time_after_the_last_bounce(void **state)
{
    (void)state;
    struct trace t = TRACE(press_with_bounce, 400);
    uint32_t first = 0;
    assert_int_equal(play(&t, 1, false, &first), 1);
    /* Last bounce at 109 ms: the press is believed at 109 + SETTLE_MS, not before. */
    assert_int_equal(first, 109 + SETTLE_MS);
}

static void test_button_held_during_boot_is_not_a_press(void **state)
{
    (void)state;
    struct trace t = TRACE(held_at_boot_then_released_and_pressed, 400);
    uint32_t first = 0;
    assert_int_equal(play(&t, 1, true, &first), 1);
    assert_true(first >= 202);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounce_within_window_makes_one_press),
        cmocka_unit_test(test_bouncing_release_never_makes_a_second_press),
        cmocka_unit_test(test_real_double_press_150ms_apart_makes_two_presses),
        cmocka_unit_test(test_traces_give_the_same_presses_at_the_5ms_poll_rate),
        cmocka_unit_test(test_noise_spike_shorter_than_settle_time_is_no_press),
        cmocka_unit_test(test_press_is_reported_settle_time_after_the_last_bounce),
        cmocka_unit_test(test_button_held_during_boot_is_not_a_press),
    };
    return cmocka_run_group_tests_name("debounce", tests, NULL, NULL);
}
