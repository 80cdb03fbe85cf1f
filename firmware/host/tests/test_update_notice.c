#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "button_core/update_notice.h"

#define SHA "0123456789abcdef0123456789ABCDEF00112233445566778899aabbccddeeff"
#define URL "http://gateway.local:8080/fw/button-1.3.0.bin"

static const struct update_policy policy = {
    .running_version = "1.2.0",
    .gateway_host = "gateway.local",
    .allow_http = true,
    .max_image_size = 0x180000,
};

static enum update_notice_result parse_with(const char *json, const struct update_policy *p,
                                            struct update_notice *n)
{
    return update_notice_parse(json, strlen(json), p, n);
}

static enum update_notice_result parse(const char *json)
{
    struct update_notice n;
    return parse_with(json, &policy, &n);
}

/* A notice that differs from the valid one only in the given version, url, sha and size. */
static enum update_notice_result notice(const char *version, const char *url, const char *sha,
                                        const char *size)
{
    char json[600];
    snprintf(json, sizeof json, "{\"version\":\"%s\",\"url\":\"%s\",\"sha256\":\"%s\",\"size\":%s}",
             version, url, sha, size);
    return parse(json);
}

static void test_valid_notice_is_accepted_with_every_field_parsed(void **state)
{
    (void)state;
    struct update_notice n;
    const char *json = "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\","
                       "\"size\":912384,\"notes\":{\"added\":[\"x\"]}}";
    assert_int_equal(parse_with(json, &policy, &n), UPDATE_NOTICE_ACCEPTED);
    assert_string_equal(n.version, "1.3.0");
    assert_string_equal(n.url, URL);
    assert_int_equal(n.size, 912384);
    const uint8_t first[4] = { 0x01, 0x23, 0x45, 0x67 };
    const uint8_t last[4] = { 0xcc, 0xdd, 0xee, 0xff };
    assert_memory_equal(n.sha256, first, 4);
    assert_memory_equal(n.sha256 + 28, last, 4);
    assert_int_equal(n.sha256[8], 0x01);
    assert_int_equal(n.sha256[12], 0x89);
    assert_int_equal(n.sha256[15], 0xef);
}

static void test_each_kind_of_bad_notice_gets_its_own_outcome(void **state)
{
    (void)state;
    char oversized[UPDATE_NOTICE_MAX_BYTES + 2];
    memset(oversized, ' ', sizeof oversized - 1);
    oversized[sizeof oversized - 1] = '\0';
    memcpy(oversized, "{}", 2);

    enum update_notice_result got[] = {
        notice("1.3.0", URL, SHA, "912384"),
        parse(oversized),
        parse("{\"version\":\"1.3.0\",\"url\":"),
        notice("1.3.0", URL, "abc", "912384"),
        notice("1.3.0", "ftp://gateway.local/fw.bin", SHA, "912384"),
        notice("1.3.0", "http://evil.example/fw.bin", SHA, "912384"),
        notice("1.3.0", URL, SHA, "99999999"),
        notice("1.1.9", URL, SHA, "912384"),
    };
    const enum update_notice_result want[] = {
        UPDATE_NOTICE_ACCEPTED,     UPDATE_NOTICE_TOO_LARGE,  UPDATE_NOTICE_MALFORMED,
        UPDATE_NOTICE_INVALID_FIELD, UPDATE_NOTICE_BAD_URL,   UPDATE_NOTICE_WRONG_HOST,
        UPDATE_NOTICE_IMAGE_TOO_BIG, UPDATE_NOTICE_NOT_NEWER,
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(got[i], want[i]);
        for (size_t j = 0; j < i; j++) {
            assert_int_not_equal(got[i], got[j]);
            assert_string_not_equal(update_notice_result_name(want[i]), update_notice_result_name(want[j]));
        }
    }
}

static void test_notice_one_byte_over_the_limit_is_too_large_even_if_valid(void **state)
{
    (void)state;
    /* A valid notice padded to exactly the limit, then one byte of trailing whitespace. */
    char json[UPDATE_NOTICE_MAX_BYTES + 1];
    int head = snprintf(json, sizeof json, "{\"version\":\"1.3.0\",\"url\":\"" URL
                        "\",\"sha256\":\"" SHA "\",\"size\":912384,\"pad\":\"");
    memset(json + head, 'p', (size_t)(UPDATE_NOTICE_MAX_BYTES - 2 - head));
    memcpy(json + UPDATE_NOTICE_MAX_BYTES - 2, "\"}", 2);
    json[UPDATE_NOTICE_MAX_BYTES] = ' ';
    struct update_notice n;
    assert_int_equal(update_notice_parse(json, UPDATE_NOTICE_MAX_BYTES, &policy, &n),
                     UPDATE_NOTICE_ACCEPTED);
    assert_int_equal(update_notice_parse(json, UPDATE_NOTICE_MAX_BYTES + 1, &policy, &n),
                     UPDATE_NOTICE_TOO_LARGE);
}

static void test_url_tricks_pointing_elsewhere_never_pass_as_the_gateway(void **state)
{
    (void)state;
    assert_int_equal(notice("1.3.0", "http://gateway.local@evil.example/fw.bin", SHA, "1"), UPDATE_NOTICE_BAD_URL);
    assert_int_equal(notice("1.3.0", "http://evil.example\\\\@gateway.local/fw.bin", SHA, "1"), UPDATE_NOTICE_BAD_URL);
    assert_int_equal(notice("1.3.0", "http://gateway.local.evil.example/fw.bin", SHA, "1"), UPDATE_NOTICE_WRONG_HOST);
    assert_int_equal(notice("1.3.0", "http://gateway.loca/fw.bin", SHA, "1"), UPDATE_NOTICE_WRONG_HOST);
    assert_int_equal(notice("1.3.0", "http://gateway.local:99999/fw.bin", SHA, "1"), UPDATE_NOTICE_BAD_URL);
    assert_int_equal(notice("1.3.0", "http://gateway.local", SHA, "1"), UPDATE_NOTICE_BAD_URL);
    assert_int_equal(notice("1.3.0", "http://gate way.local/fw.bin", SHA, "1"), UPDATE_NOTICE_BAD_URL);
    assert_int_equal(notice("1.3.0", "//gateway.local/fw.bin", SHA, "1"), UPDATE_NOTICE_BAD_URL);
    assert_int_equal(notice("1.3.0", "HTTPS://GATEWAY.Local/fw.bin?v=1", SHA, "1"), UPDATE_NOTICE_ACCEPTED);
}

static void test_ipv6_gateway_is_matched_inside_brackets(void **state)
{
    (void)state;
    const struct update_policy v6 = { "1.2.0", "fd00::1", true, 0x180000 };
    struct update_notice n;
    char json[400];
    snprintf(json, sizeof json, "{\"version\":\"1.3.0\",\"url\":\"http://[fd00::1]:8080/fw.bin\","
             "\"sha256\":\"" SHA "\",\"size\":1}");
    assert_int_equal(parse_with(json, &v6, &n), UPDATE_NOTICE_ACCEPTED);
    snprintf(json, sizeof json, "{\"version\":\"1.3.0\",\"url\":\"http://[fd00::2]/fw.bin\","
             "\"sha256\":\"" SHA "\",\"size\":1}");
    assert_int_equal(parse_with(json, &v6, &n), UPDATE_NOTICE_WRONG_HOST);
}

static void test_plain_http_is_refused_when_policy_requires_https(void **state)
{
    (void)state;
    const struct update_policy https_only = { "1.2.0", "gateway.local", false, 0x180000 };
    struct update_notice n;
    const char *http = "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}";
    const char *https = "{\"version\":\"1.3.0\",\"url\":\"https://gateway.local/fw.bin\",\"sha256\":\""
                        SHA "\",\"size\":1}";
    assert_int_equal(parse_with(http, &https_only, &n), UPDATE_NOTICE_BAD_URL);
    assert_int_equal(parse_with(https, &https_only, &n), UPDATE_NOTICE_ACCEPTED);
}

static void test_same_or_older_version_is_not_newer_and_numbers_compare_numerically(void **state)
{
    (void)state;
    assert_int_equal(notice("1.2.0", URL, SHA, "1"), UPDATE_NOTICE_NOT_NEWER);
    assert_int_equal(notice("0.9.99", URL, SHA, "1"), UPDATE_NOTICE_NOT_NEWER);
    assert_int_equal(notice("1.2.1", URL, SHA, "1"), UPDATE_NOTICE_ACCEPTED);
    assert_int_equal(notice("1.10.0", URL, SHA, "1"), UPDATE_NOTICE_ACCEPTED);
    assert_int_equal(notice("2.0.0", URL, SHA, "1"), UPDATE_NOTICE_ACCEPTED);
}

static void test_development_build_version_accepts_any_release(void **state)
{
    (void)state;
    const struct update_policy dev = { "1.2.0-dirty", "gateway.local", true, 0x180000 };
    struct update_notice n;
    const char *json = "{\"version\":\"0.0.1\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}";
    assert_int_equal(parse_with(json, &dev, &n), UPDATE_NOTICE_ACCEPTED);
}

static void test_missing_repeated_or_badly_typed_fields_are_invalid(void **state)
{
    (void)state;
    const char *bad[] = {
        "{\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}",
        "{\"version\":\"1.3.0\",\"sha256\":\"" SHA "\",\"size\":1}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"size\":1}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\"}",
        "{\"version\":\"1.3\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}",
        "{\"version\":\"1.03.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}",
        "{\"version\":130,\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":\"1\"}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":0}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":-5}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1.5}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":4294967296}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "0\",\"size\":1}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"zz" SHA "\",\"size\":1}",
        "{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}",
        "{\"version\":\"1.3.0\",\"url\":\"\",\"sha256\":\"" SHA "\",\"size\":1}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (parse(bad[i]) != UPDATE_NOTICE_INVALID_FIELD) {
            fail_msg("not refused as invalid_field: %s", bad[i]);
        }
    }
}

static void test_url_longer_than_the_limit_is_an_invalid_field(void **state)
{
    (void)state;
    char url[UPDATE_URL_MAX + 2];
    strcpy(url, "http://gateway.local/");
    memset(url + strlen(url), 'a', sizeof url - strlen(url) - 1);
    url[sizeof url - 1] = '\0';
    assert_int_equal(notice("1.3.0", url, SHA, "1"), UPDATE_NOTICE_INVALID_FIELD);
    url[sizeof url - 2] = '\0';
    assert_int_equal(notice("1.3.0", url, SHA, "1"), UPDATE_NOTICE_ACCEPTED);
}

static void test_image_digest_is_compared_with_the_notice(void **state)
{
    (void)state;
    struct update_notice n;
    assert_int_equal(parse_with("{\"version\":\"1.3.0\",\"url\":\"" URL "\",\"sha256\":\"" SHA "\",\"size\":1}",
                                &policy, &n),
                     UPDATE_NOTICE_ACCEPTED);
    uint8_t digest[32];
    memcpy(digest, n.sha256, 32);
    assert_true(update_image_digest_matches(&n, digest));
    digest[31] ^= 1;
    assert_false(update_image_digest_matches(&n, digest));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_notice_is_accepted_with_every_field_parsed),
        cmocka_unit_test(test_each_kind_of_bad_notice_gets_its_own_outcome),
        cmocka_unit_test(test_notice_one_byte_over_the_limit_is_too_large_even_if_valid),
        cmocka_unit_test(test_url_tricks_pointing_elsewhere_never_pass_as_the_gateway),
        cmocka_unit_test(test_ipv6_gateway_is_matched_inside_brackets),
        cmocka_unit_test(test_plain_http_is_refused_when_policy_requires_https),
        cmocka_unit_test(test_same_or_older_version_is_not_newer_and_numbers_compare_numerically),
        cmocka_unit_test(test_development_build_version_accepts_any_release),
        cmocka_unit_test(test_missing_repeated_or_badly_typed_fields_are_invalid),
        cmocka_unit_test(test_url_longer_than_the_limit_is_an_invalid_field),
        cmocka_unit_test(test_image_digest_is_compared_with_the_notice),
    };
    return cmocka_run_group_tests_name("update_notice", tests, NULL, NULL);
}
