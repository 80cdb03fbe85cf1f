#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "json_scan.h"

struct seen {
    int count;
    char keys[8][JSON_KEY_MAX];
    enum json_type types[8];
    char values[8][JSON_VALUE_MAX];
    bool too_long[8];
};

static int remember(void *ctx, const struct json_member *m)
{
    struct seen *s = ctx;
    if (s->count == 8) {
        return 99;
    }
    strcpy(s->keys[s->count], m->key);
    s->types[s->count] = m->type;
    s->too_long[s->count] = m->too_long;
    if (m->value != NULL) {
        strcpy(s->values[s->count], m->value);
    }
    s->count++;
    return 0;
}

static int scan(const char *text, struct seen *s)
{
    memset(s, 0, sizeof *s);
    return json_scan_object(text, strlen(text), remember, s);
}

static void test_members_of_a_flat_object_are_reported_in_order(void **state)
{
    (void)state;
    struct seen s;
    assert_int_equal(scan(" {\"a\":\"x\", \"b\" : -1.5e3 ,\"c\":true,\"d\":false,\"e\":null}\n", &s), 0);
    assert_int_equal(s.count, 5);
    assert_string_equal(s.keys[0], "a");
    assert_int_equal(s.types[0], JSON_STRING);
    assert_string_equal(s.values[0], "x");
    assert_int_equal(s.types[1], JSON_NUMBER);
    assert_string_equal(s.values[1], "-1.5e3");
    assert_int_equal(s.types[2], JSON_TRUE);
    assert_int_equal(s.types[3], JSON_FALSE);
    assert_int_equal(s.types[4], JSON_NULL);
}

static void test_string_escapes_are_decoded_including_surrogate_pairs(void **state)
{
    (void)state;
    struct seen s;
    assert_int_equal(scan("{\"k\":\"q\\\"b\\\\s\\/n\\n\\u00e9\\ud83d\\ude00\"}", &s), 0);
    assert_string_equal(s.values[0], "q\"b\\s/n\n\xc3\xa9\xf0\x9f\x98\x80");
}

static void test_nested_values_are_skipped_but_must_be_balanced(void **state)
{
    (void)state;
    struct seen s;
    assert_int_equal(scan("{\"x\":{\"y\":[1,{\"z\":\"]\"}]},\"a\":1}", &s), 0);
    assert_int_equal(s.count, 2);
    assert_int_equal(s.types[0], JSON_NESTED);
    assert_string_equal(s.keys[1], "a");
    assert_int_equal(scan("{\"x\":[1,2}", &s), JSON_SCAN_SYNTAX);
    assert_int_equal(scan("{\"x\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}", &s), JSON_SCAN_SYNTAX);
}

static void test_malformed_documents_are_syntax_errors(void **state)
{
    (void)state;
    struct seen s;
    const char *bad[] = {
        "", "[]", "\"s\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"unterminated}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800x\"}",
        "{\"a\":\"\\u0000\"}", "{\"a\":\"tab\there\"}", "{\"a\":1} trailing", "{\"a\":1}}",
        "{a:1}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (scan(bad[i], &s) != JSON_SCAN_SYNTAX) {
            fail_msg("accepted: %s", bad[i]);
        }
    }
}

static void test_embedded_nul_byte_is_a_syntax_error(void **state)
{
    (void)state;
    struct seen s;
    memset(&s, 0, sizeof s);
    const char text[] = "{\"a\":\"x\0y\"}";
    assert_int_equal(json_scan_object(text, sizeof text - 1, remember, &s), JSON_SCAN_SYNTAX);
}

static void test_overlong_values_are_flagged_and_overlong_keys_skipped(void **state)
{
    (void)state;
    char text[1200];
    char big[700];
    memset(big, 'v', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    snprintf(text, sizeof text, "{\"this_key_is_much_longer_than_thirty_two\":1,\"k\":\"%s\"}", big);
    struct seen s;
    assert_int_equal(scan(text, &s), 0);
    assert_int_equal(s.count, 1);
    assert_string_equal(s.keys[0], "k");
    assert_true(s.too_long[0]);
}

static void test_callback_can_stop_the_scan_with_its_own_code(void **state)
{
    (void)state;
    struct seen s;
    assert_int_equal(scan("{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,\"7\":7,\"8\":8,\"9\":9}", &s), 99);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_members_of_a_flat_object_are_reported_in_order),
        cmocka_unit_test(test_string_escapes_are_decoded_including_surrogate_pairs),
        cmocka_unit_test(test_nested_values_are_skipped_but_must_be_balanced),
        cmocka_unit_test(test_malformed_documents_are_syntax_errors),
        cmocka_unit_test(test_embedded_nul_byte_is_a_syntax_error),
        cmocka_unit_test(test_overlong_values_are_flagged_and_overlong_keys_skipped),
        cmocka_unit_test(test_callback_can_stop_the_scan_with_its_own_code),
    };
    return cmocka_run_group_tests_name("json_scan", tests, NULL, NULL);
}
