#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "button_core/press_payload.h"
#include "button_core/topics.h"

static void test_press_is_encoded_to_the_exact_contract_bytes(void **state)
{
    (void)state;
    char buf[PRESS_PAYLOAD_MAX];
    const char expected[] = "{\"device\":\"btn-01\",\"seq\":42,\"ts\":1764409200123,\"fw\":\"1.0.0\"}";
    int len = press_payload_encode(buf, sizeof buf, "btn-01", 42, 1764409200123, "1.0.0");
    assert_int_equal(len, (int)strlen(expected));
    assert_memory_equal(buf, expected, sizeof expected);
}

static void test_largest_numbers_and_unset_clock_encode_exactly(void **state)
{
    (void)state;
    char buf[PRESS_PAYLOAD_MAX];
    press_payload_encode(buf, sizeof buf, "b", UINT32_MAX, 0, "0.0.1");
    assert_string_equal(buf, "{\"device\":\"b\",\"seq\":4294967295,\"ts\":0,\"fw\":\"0.0.1\"}");
    press_payload_encode(buf, sizeof buf, "b", 0, INT64_MIN, "x");
    assert_string_equal(buf, "{\"device\":\"b\",\"seq\":0,\"ts\":-9223372036854775808,\"fw\":\"x\"}");
}

static void test_quotes_backslashes_and_control_characters_in_device_id_are_escaped(void **state)
{
    (void)state;
    char buf[PRESS_PAYLOAD_MAX];
    press_payload_encode(buf, sizeof buf, "a\"b\\c\nd\te\x01" "f\x1f", 1, 2, "1.0.0");
    assert_string_equal(buf, "{\"device\":\"a\\\"b\\\\c\\nd\\te\\u0001f\\u001f\",\"seq\":1,\"ts\":2,"
                             "\"fw\":\"1.0.0\"}");
}

static void test_utf8_in_device_id_passes_through_unchanged(void **state)
{
    (void)state;
    char buf[PRESS_PAYLOAD_MAX];
    press_payload_encode(buf, sizeof buf, "kn\xc3\xb6pf", 1, 2, "1.0.0");
    assert_string_equal(buf, "{\"device\":\"kn\xc3\xb6pf\",\"seq\":1,\"ts\":2,\"fw\":\"1.0.0\"}");
}

static void test_payload_that_does_not_fit_is_refused_not_truncated(void **state)
{
    (void)state;
    const char expected[] = "{\"device\":\"btn-01\",\"seq\":42,\"ts\":7,\"fw\":\"1.0.0\"}";
    char buf[sizeof expected];
    /* Exactly enough room (NUL included) works; one byte less is refused with nothing left in buf. */
    assert_int_equal(press_payload_encode(buf, sizeof buf, "btn-01", 42, 7, "1.0.0"),
                     (int)sizeof expected - 1);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(press_payload_encode(buf, sizeof buf - 1, "btn-01", 42, 7, "1.0.0"), -1);
    assert_string_equal(buf, "");
    assert_int_equal(buf[sizeof buf - 1], 'x');
}

static void test_escaping_counts_against_the_bound(void **state)
{
    (void)state;
    char buf[PRESS_PAYLOAD_MAX];
    char id[40];
    /* 32 control characters become 192 bytes of \u00XX: more than PRESS_PAYLOAD_MAX holds. */
    memset(id, '\x02', 32);
    id[32] = '\0';
    assert_int_equal(press_payload_encode(buf, sizeof buf, id, 1, 1, "1.0.0"), -1);
    assert_int_equal(press_payload_encode(NULL, 0, "b", 1, 1, "1.0.0"), -1);
}

static void test_longest_valid_id_and_version_fit_in_press_payload_max(void **state)
{
    (void)state;
    char buf[PRESS_PAYLOAD_MAX];
    char id[33];
    char fw[32];
    memset(id, 'i', 32);
    id[32] = '\0';
    memset(fw, '9', 31);
    fw[31] = '\0';
    assert_true(press_payload_encode(buf, sizeof buf, id, UINT32_MAX, INT64_MAX, fw) > 0);
}

static void test_status_report_lists_every_field_in_contract_order(void **state)
{
    (void)state;
    char buf[STATUS_PAYLOAD_MAX];
    struct status_report s = { "btn-01", "online", "1.1.0", "1.0.0", 17, 2, 3, 9, "wrong_host", 1 };
    assert_true(status_payload_encode(buf, sizeof buf, &s) > 0);
    assert_string_equal(buf, "{\"device\":\"btn-01\",\"state\":\"online\",\"fw\":\"1.1.0\","
                             "\"prev_fw\":\"1.0.0\",\"presses\":17,\"buffered\":2,\"dropped\":3,"
                             "\"boots\":9,\"update\":\"wrong_host\",\"storage_ok\":true}");
}

static void test_last_will_says_offline(void **state)
{
    (void)state;
    char buf[OFFLINE_PAYLOAD_MAX];
    offline_payload_encode(buf, sizeof buf, "btn-01");
    assert_string_equal(buf, "{\"device\":\"btn-01\",\"state\":\"offline\"}");
}

static void test_topics_are_built_from_the_device_id(void **state)
{
    (void)state;
    struct button_topics t;
    assert_int_equal(button_topics_build(&t, "btn-01"), 0);
    assert_string_equal(t.press, "edgebus/button/btn-01/press");
    assert_string_equal(t.status, "edgebus/button/btn-01/status");
    assert_string_equal(t.update, "edgebus/button/btn-01/update");
    assert_string_equal(TOPIC_UPDATE_ALL, "edgebus/button/update");
}

static void test_device_id_that_would_change_topic_structure_is_refused(void **state)
{
    (void)state;
    struct button_topics t;
    assert_int_equal(button_topics_build(&t, "a/b"), -1);
    assert_int_equal(button_topics_build(&t, "+"), -1);
    assert_int_equal(button_topics_build(&t, "#"), -1);
    assert_int_equal(button_topics_build(&t, ""), -1);
    assert_int_equal(button_topics_build(&t, "a.b"), -1);
    assert_int_equal(button_topics_build(&t, "123456789012345678901234567890123"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_press_is_encoded_to_the_exact_contract_bytes),
        cmocka_unit_test(test_largest_numbers_and_unset_clock_encode_exactly),
        cmocka_unit_test(test_quotes_backslashes_and_control_characters_in_device_id_are_escaped),
        cmocka_unit_test(test_utf8_in_device_id_passes_through_unchanged),
        cmocka_unit_test(test_payload_that_does_not_fit_is_refused_not_truncated),
        cmocka_unit_test(test_escaping_counts_against_the_bound),
        cmocka_unit_test(test_longest_valid_id_and_version_fit_in_press_payload_max),
        cmocka_unit_test(test_status_report_lists_every_field_in_contract_order),
        cmocka_unit_test(test_last_will_says_offline),
        cmocka_unit_test(test_topics_are_built_from_the_device_id),
        cmocka_unit_test(test_device_id_that_would_change_topic_structure_is_refused),
    };
    return cmocka_run_group_tests_name("press_payload", tests, NULL, NULL);
}
