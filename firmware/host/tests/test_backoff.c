#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "button_core/backoff.h"

/* Injectable random sources: fixed values pin the jitter to its extremes. */
static uint32_t always_zero(void *ctx)
{
    (void)ctx;
    return 0;
}

/* Returns the next value of a list: lets a test choose each draw exactly. */
struct scripted {
    const uint32_t *values;
    size_t next;
};

static uint32_t scripted_draw(void *ctx)
{
    struct scripted *s = ctx;
    return s->values[s->next++];
}

/* xorshift32: deterministic, so a failure can be replayed. */
static uint32_t xorshift(void *ctx)
{
    uint32_t *s = ctx;
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_without_jitter_delays_double_from_min_up_to_max(void **state)
{
    (void)state;
    struct backoff b;
    assert_int_equal(backoff_init(&b, 500, 8000, 25, always_zero, NULL), 0);
    const uint32_t expected[] = { 500, 1000, 2000, 4000, 8000, 8000, 8000 };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        assert_int_equal(backoff_next_ms(&b), expected[i]);
    }
}

static void test_largest_jitter_draw_gives_the_lower_bound_of_each_step(void **state)
{
    (void)state;
    /* The jitter span of step n is base(n) * 25 / 100: draw exactly that. */
    const uint32_t draws[] = { 256, 512, 1024, 1024 };
    struct scripted s = { draws, 0 };
    struct backoff b;
    assert_int_equal(backoff_init(&b, 1024, 4096, 25, scripted_draw, &s), 0);
    assert_int_equal(backoff_next_ms(&b), 768);
    assert_int_equal(backoff_next_ms(&b), 1536);
    assert_int_equal(backoff_next_ms(&b), 3072);
    assert_int_equal(backoff_next_ms(&b), 3072);
}

static void test_every_delay_stays_within_min_jitter_and_max(void **state)
{
    (void)state;
    uint32_t seed = 0x12345678u;
    struct backoff b;
    assert_int_equal(backoff_init(&b, 500, 60000, 25, xorshift, &seed), 0);
    uint32_t previous_base = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t base = 500u << (i < 7 ? i : 7);
        if (base > 60000) {
            base = 60000;
        }
        uint32_t d = backoff_next_ms(&b);
        assert_in_range(d, base - base / 4, base);
        assert_in_range(d, 375, 60000);
        assert_true(base >= previous_base);
        previous_base = base;
    }
}

static void test_jitter_actually_spreads_delays_at_the_cap(void **state)
{
    (void)state;
    uint32_t seed = 42;
    struct backoff b;
    assert_int_equal(backoff_init(&b, 1000, 1000, 50, xorshift, &seed), 0);
    uint32_t lowest = UINT32_MAX;
    uint32_t highest = 0;
    for (int i = 0; i < 200; i++) {
        uint32_t d = backoff_next_ms(&b);
        lowest = d < lowest ? d : lowest;
        highest = d > highest ? d : highest;
    }
    /* Buttons that lost the broker together must not all retry in the same millisecond. */
    assert_true(lowest < 600);
    assert_true(highest > 900);
}

static void test_reset_after_success_starts_again_from_min(void **state)
{
    (void)state;
    struct backoff b;
    assert_int_equal(backoff_init(&b, 100, 10000, 0, always_zero, NULL), 0);
    for (int i = 0; i < 10; i++) {
        (void)backoff_next_ms(&b);
    }
    assert_int_equal(backoff_next_ms(&b), 10000);
    backoff_reset(&b);
    assert_int_equal(backoff_next_ms(&b), 100);
    assert_int_equal(backoff_next_ms(&b), 200);
}

static void test_failing_for_days_never_overflows_the_delay(void **state)
{
    (void)state;
    struct backoff b;
    assert_int_equal(backoff_init(&b, 1, UINT32_MAX, 100, always_zero, NULL), 0);
    for (int i = 0; i < 100000; i++) {
        assert_true(backoff_next_ms(&b) >= 1);
    }
    assert_int_equal(backoff_next_ms(&b), UINT32_MAX);
}

static void test_unusable_settings_are_refused(void **state)
{
    (void)state;
    struct backoff b;
    assert_int_equal(backoff_init(&b, 0, 1000, 10, always_zero, NULL), -1);
    assert_int_equal(backoff_init(&b, 2000, 1000, 10, always_zero, NULL), -1);
    assert_int_equal(backoff_init(&b, 100, 1000, 101, always_zero, NULL), -1);
    assert_int_equal(backoff_init(&b, 100, 1000, 10, NULL, NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_jitter_delays_double_from_min_up_to_max),
        cmocka_unit_test(test_largest_jitter_draw_gives_the_lower_bound_of_each_step),
        cmocka_unit_test(test_every_delay_stays_within_min_jitter_and_max),
        cmocka_unit_test(test_jitter_actually_spreads_delays_at_the_cap),
        cmocka_unit_test(test_reset_after_success_starts_again_from_min),
        cmocka_unit_test(test_failing_for_days_never_overflows_the_delay),
        cmocka_unit_test(test_unusable_settings_are_refused),
    };
    return cmocka_run_group_tests_name("backoff", tests, NULL, NULL);
}
