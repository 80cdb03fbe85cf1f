#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "button_core/press_queue.h"

static struct press_record rec(uint32_t seq)
{
    return (struct press_record){ seq, (int64_t)seq * 1000 };
}

static void test_presses_come_out_oldest_first(void **state)
{
    (void)state;
    struct press_record slots[4];
    struct press_queue q;
    press_queue_init(&q, slots, 4);
    assert_null(press_queue_peek(&q));
    for (uint32_t s = 1; s <= 3; s++) {
        assert_false(press_queue_push(&q, rec(s)));
    }
    for (uint32_t s = 1; s <= 3; s++) {
        assert_int_equal(press_queue_peek(&q)->seq, s);
        assert_true(press_queue_pop_seq(&q, s));
    }
    assert_int_equal(press_queue_count(&q), 0);
}

static void test_full_buffer_drops_the_oldest_press_and_counts_it(void **state)
{
    (void)state;
    struct press_record slots[3];
    struct press_queue q;
    press_queue_init(&q, slots, 3);
    for (uint32_t s = 1; s <= 3; s++) {
        press_queue_push(&q, rec(s));
    }
    assert_true(press_queue_push(&q, rec(4)));
    assert_true(press_queue_push(&q, rec(5)));
    assert_int_equal(q.dropped, 2);
    assert_int_equal(press_queue_count(&q), 3);
    for (uint32_t s = 3; s <= 5; s++) {
        assert_int_equal(press_queue_peek(&q)->seq, s);
        assert_int_equal(press_queue_peek(&q)->ts_ms, (int64_t)s * 1000);
        assert_true(press_queue_pop_seq(&q, s));
    }
}

static void test_ack_for_a_press_that_was_dropped_removes_nothing(void **state)
{
    (void)state;
    struct press_record slots[2];
    struct press_queue q;
    press_queue_init(&q, slots, 2);
    press_queue_push(&q, rec(1));
    press_queue_push(&q, rec(2));
    press_queue_push(&q, rec(3)); /* drops 1, which may have been in flight */
    assert_false(press_queue_pop_seq(&q, 1));
    assert_int_equal(press_queue_count(&q), 2);
    assert_int_equal(press_queue_peek(&q)->seq, 2);
}

static void test_ring_wraps_around_many_times_without_losing_order(void **state)
{
    (void)state;
    struct press_record slots[5];
    struct press_queue q;
    press_queue_init(&q, slots, 5);
    uint32_t next_in = 1;
    uint32_t next_out = 1;
    for (int round = 0; round < 100; round++) {
        for (int i = 0; i < 3; i++) {
            assert_false(press_queue_push(&q, rec(next_in++)));
        }
        for (int i = 0; i < 3; i++) {
            assert_true(press_queue_pop_seq(&q, next_out++));
        }
    }
    assert_int_equal(q.dropped, 0);
    assert_int_equal(next_out, 301);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presses_come_out_oldest_first),
        cmocka_unit_test(test_full_buffer_drops_the_oldest_press_and_counts_it),
        cmocka_unit_test(test_ack_for_a_press_that_was_dropped_removes_nothing),
        cmocka_unit_test(test_ring_wraps_around_many_times_without_losing_order),
    };
    return cmocka_run_group_tests_name("press_queue", tests, NULL, NULL);
}
