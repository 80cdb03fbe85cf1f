/*
 * Persistence across reboots: the store is a file that outlives every
 * "boot" (file_store_open on the same path), like NVS outlives a reset.
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

#include "button_core/device_state.h"
#include "button_core/settings.h"
#include "file_store.h"

struct fixture {
    char dir[64];
    char path[96];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (f == NULL) {
        return -1;
    }
    strcpy(f->dir, "/tmp/edgebus-store-XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/nvs.txt", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    unlink(f->path);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* One "boot": a fresh store object over the same file, and the state loaded from it. */
static void boot(const struct fixture *f, struct file_store *fs, struct device_state *s, const char *fw)
{
    assert_int_equal(file_store_open(fs, f->path), 0);
    assert_int_equal(device_state_load(s, &fs->kv, fw), 0);
}

static void test_press_counter_survives_a_reboot(void **state)
{
    struct fixture *f = *state;
    struct file_store fs;
    struct device_state s;
    uint32_t seq;
    boot(f, &fs, &s, "1.0.0");
    assert_int_equal(s.presses, 0);
    for (uint32_t i = 1; i <= 3; i++) {
        assert_int_equal(device_state_next_seq(&s, &seq), 0);
        assert_int_equal(seq, i);
    }
    boot(f, &fs, &s, "1.0.0");
    assert_int_equal(s.presses, 3);
    assert_int_equal(device_state_next_seq(&s, &seq), 0);
    assert_int_equal(seq, 4);
}

static void test_boots_are_counted(void **state)
{
    struct fixture *f = *state;
    struct file_store fs;
    struct device_state s;
    boot(f, &fs, &s, "1.0.0");
    boot(f, &fs, &s, "1.0.0");
    boot(f, &fs, &s, "1.0.0");
    assert_int_equal(s.boots, 3);
}

static void test_firmware_change_is_remembered_as_previous_version(void **state)
{
    struct fixture *f = *state;
    struct file_store fs;
    struct device_state s;
    boot(f, &fs, &s, "1.0.0");
    assert_string_equal(s.prev_fw, "");
    boot(f, &fs, &s, "1.1.0");
    assert_string_equal(s.fw, "1.1.0");
    assert_string_equal(s.prev_fw, "1.0.0");
    /* Still known on later boots of the same image. */
    boot(f, &fs, &s, "1.1.0");
    assert_string_equal(s.prev_fw, "1.0.0");
}

/* A store whose writes can be made to fail, as a worn-out or full NVS would. */
struct flaky {
    struct file_store inner;
    struct kv_store kv;
    bool fail_writes;
};

static int flaky_get_u32(void *ctx, const char *key, uint32_t *v)
{
    struct flaky *fl = ctx;
    return fl->inner.kv.get_u32(&fl->inner, key, v);
}

static int flaky_set_u32(void *ctx, const char *key, uint32_t v)
{
    struct flaky *fl = ctx;
    return fl->fail_writes ? KV_ERROR : fl->inner.kv.set_u32(&fl->inner, key, v);
}

static int flaky_get_str(void *ctx, const char *key, char *buf, size_t cap)
{
    struct flaky *fl = ctx;
    return fl->inner.kv.get_str(&fl->inner, key, buf, cap);
}

static int flaky_set_str(void *ctx, const char *key, const char *v)
{
    struct flaky *fl = ctx;
    return fl->fail_writes ? KV_ERROR : fl->inner.kv.set_str(&fl->inner, key, v);
}

static int flaky_commit(void *ctx)
{
    struct flaky *fl = ctx;
    return fl->fail_writes ? KV_ERROR : fl->inner.kv.commit(&fl->inner);
}

static void flaky_open(struct flaky *fl, const char *path)
{
    assert_int_equal(file_store_open(&fl->inner, path), 0);
    fl->kv = (struct kv_store){ fl, flaky_get_u32, flaky_set_u32, flaky_get_str, flaky_set_str,
                                flaky_commit };
    fl->fail_writes = false;
}

static void test_failed_save_still_issues_the_press_but_reports_storage_trouble(void **state)
{
    struct fixture *f = *state;
    struct flaky fl;
    struct device_state s;
    uint32_t seq;
    flaky_open(&fl, f->path);
    assert_int_equal(device_state_load(&s, &fl.kv, "1.0.0"), 0);
    assert_int_equal(device_state_next_seq(&s, &seq), 0);
    fl.fail_writes = true;
    assert_int_equal(device_state_next_seq(&s, &seq), -1);
    assert_int_equal(seq, 2);
    assert_false(s.storage_ok);
    fl.fail_writes = false;
    assert_int_equal(device_state_next_seq(&s, &seq), 0);
    assert_int_equal(seq, 3);
    assert_true(s.storage_ok);
}

static void test_uncommitted_writes_are_lost_on_reboot(void **state)
{
    struct fixture *f = *state;
    struct file_store fs;
    assert_int_equal(file_store_open(&fs, f->path), 0);
    assert_int_equal(fs.kv.set_u32(&fs, "presses", 7), KV_OK);
    assert_int_equal(fs.kv.commit(&fs), KV_OK);
    assert_int_equal(fs.kv.set_u32(&fs, "presses", 8), KV_OK);
    struct file_store after;
    uint32_t v = 0;
    assert_int_equal(file_store_open(&after, f->path), 0);
    assert_int_equal(after.kv.get_u32(&after, "presses", &v), KV_OK);
    assert_int_equal(v, 7);
}

static void test_settings_take_valid_overrides_and_refuse_invalid_ones(void **state)
{
    struct fixture *f = *state;
    const struct device_settings defaults = { "btn-default", "gateway.local", 1883 };
    struct file_store fs;
    struct device_settings out;
    assert_int_equal(file_store_open(&fs, f->path), 0);
    assert_int_equal(device_settings_load(&out, &fs.kv, &defaults), 0);
    assert_string_equal(out.device_id, "btn-default");

    fs.kv.set_str(&fs, "device_id", "btn-07");
    fs.kv.set_str(&fs, "gw_host", "10.42.0.1");
    fs.kv.set_u32(&fs, "mqtt_port", 8883);
    assert_int_equal(device_settings_load(&out, &fs.kv, &defaults), 0);
    assert_string_equal(out.device_id, "btn-07");
    assert_string_equal(out.gateway_host, "10.42.0.1");
    assert_int_equal(out.mqtt_port, 8883);

    fs.kv.set_str(&fs, "device_id", "btn/07");
    fs.kv.set_str(&fs, "gw_host", "evil host");
    fs.kv.set_u32(&fs, "mqtt_port", 70000);
    assert_int_equal(device_settings_load(&out, &fs.kv, &defaults), 3);
    assert_string_equal(out.device_id, "btn-default");
    assert_string_equal(out.gateway_host, "gateway.local");
    assert_int_equal(out.mqtt_port, 1883);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_press_counter_survives_a_reboot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_boots_are_counted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_firmware_change_is_remembered_as_previous_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_save_still_issues_the_press_but_reports_storage_trouble,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_uncommitted_writes_are_lost_on_reboot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_take_valid_overrides_and_refuse_invalid_ones, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("device_state", tests, NULL, NULL);
}
