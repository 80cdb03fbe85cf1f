/*
 * Integration: button_core + the libmosquitto shim against a real Mosquitto
 * that this test starts on a free port (never the system broker on 1883),
 * kills with SIGKILL and restarts. A second libmosquitto client plays the
 * gateway: a persistent session (clean_session false) subscribed with QoS 1,
 * as the gateway's ingress must be, so nothing published while it is away
 * is lost, and deduplicating on seq, as the contract says.
 * Every wait is bounded; ctest's TIMEOUT bounds the whole run.
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
#include <mosquitto.h>

#include "broker_proc.h"
#include "button_core/press_payload.h"
#include "file_store.h"
#include "mosq_port.h"

#define BUFFER_SIZE 32 /* the documented default (Kconfig EDGEBUS_PRESS_BUFFER_SIZE) */
#define DEVICE "btn-it"
#define FW "1.0.0"
#define WAIT_MS 10000
#define MAX_SEEN 128

struct gateway {
    struct mosquitto *mosq;
    bool subscribed;
    uint32_t seqs[MAX_SEEN]; /* first deliveries, in arrival order */
    int nseqs;
    int duplicates;
    int bad_payloads;
    char status[STATUS_PAYLOAD_MAX];
    uint64_t next_reconnect;
};

struct rig {
    struct broker_proc broker;
    char store_path[96];
    struct file_store fs;
    struct press_record buffer[BUFFER_SIZE];
    struct mosq_port port;
    struct button_app app;
    struct gateway gw;
    bool pressed;
    bool button_running;
};

static uint32_t test_random(void *ctx)
{
    (void)ctx;
    return (uint32_t)rand();
}

/* Checks the exact shape of a press: {"device":"btn-it","seq":N,"ts":T,"fw":"1.0.0"}. */
static bool parse_press(const char *payload, int len, uint32_t *seq)
{
    char copy[PRESS_PAYLOAD_MAX];
    if (len <= 0 || len >= (int)sizeof copy) {
        return false;
    }
    memcpy(copy, payload, (size_t)len);
    copy[len] = '\0';
    unsigned long s;
    long long ts;
    int used = 0;
    if (sscanf(copy, "{\"device\":\"" DEVICE "\",\"seq\":%lu,\"ts\":%lld%n", &s, &ts, &used) != 2 ||
        strcmp(copy + used, ",\"fw\":\"" FW "\"}") != 0 || ts <= 0) {
        return false;
    }
    *seq = (uint32_t)s;
    return true;
}

static void gw_on_connect(struct mosquitto *mosq, void *obj, int rc)
{
    (void)obj;
    if (rc == 0) {
        mosquitto_subscribe(mosq, NULL, "edgebus/button/+/press", 1);
        mosquitto_subscribe(mosq, NULL, "edgebus/button/+/status", 1);
    }
}

static void gw_on_subscribe(struct mosquitto *mosq, void *obj, int mid, int n, const int *qos)
{
    (void)mosq;
    (void)mid;
    (void)n;
    (void)qos;
    ((struct gateway *)obj)->subscribed = true;
}

static void gw_on_message(struct mosquitto *mosq, void *obj, const struct mosquitto_message *m)
{
    (void)mosq;
    struct gateway *gw = obj;
    if (strstr(m->topic, "/status") != NULL) {
        snprintf(gw->status, sizeof gw->status, "%.*s", m->payloadlen, (const char *)m->payload);
        return;
    }
    uint32_t seq;
    if (!parse_press(m->payload, m->payloadlen, &seq) || gw->nseqs == MAX_SEEN) {
        gw->bad_payloads++;
        return;
    }
    /* QoS 1 is at-least-once: the broker redelivers what it had not seen acked before it
     * died. The gateway's contract is to deduplicate on device + seq; so does this one. */
    for (int i = 0; i < gw->nseqs; i++) {
        if (gw->seqs[i] == seq) {
            gw->duplicates++;
            return;
        }
    }
    gw->seqs[gw->nseqs++] = seq;
}

static int gw_start(struct gateway *gw, int port)
{
    memset(gw, 0, sizeof *gw);
    char id[48];
    snprintf(id, sizeof id, "edgebus-test-gateway-%d", (int)getpid());
    gw->mosq = mosquitto_new(id, false, gw);
    if (gw->mosq == NULL) {
        return -1;
    }
    mosquitto_connect_callback_set(gw->mosq, gw_on_connect);
    mosquitto_subscribe_callback_set(gw->mosq, gw_on_subscribe);
    mosquitto_message_callback_set(gw->mosq, gw_on_message);
    return mosquitto_connect(gw->mosq, "127.0.0.1", port, 5) == MOSQ_ERR_SUCCESS ? 0 : -1;
}

/* One turn of everything: the button's poll, its client, and the gateway's client. */
static void step(struct rig *r)
{
    uint64_t now = host_now_ms();
    if (r->button_running) {
        button_app_poll(&r->app, now, r->pressed);
        mosq_port_step(&r->port, now, 1);
    }
    if (mosquitto_loop(r->gw.mosq, 1, 1) != MOSQ_ERR_SUCCESS && now >= r->gw.next_reconnect) {
        r->gw.next_reconnect = now + 100;
        mosquitto_reconnect(r->gw.mosq);
    }
}

static bool button_online(const struct rig *r)
{
    return r->app.mqtt_up && !r->app.in_flight && press_queue_count(&r->app.queue) == 0;
}

/* The gateway's session is on disk, so it survives the broker being killed. */
static bool broker_db_saved(const struct rig *r)
{
    char path[96];
    snprintf(path, sizeof path, "%s/mosquitto.db", r->broker.dir);
    return access(path, F_OK) == 0;
}

static bool gateway_has(const struct rig *r, int n)
{
    return r->gw.nseqs >= n;
}

#define WAIT_UNTIL(r, cond)                                                   \
    do {                                                                      \
        uint64_t deadline_ = host_now_ms() + WAIT_MS;                         \
        while (!(cond) && host_now_ms() < deadline_) {                        \
            step(r);                                                          \
        }                                                                     \
        if (!(cond)) {                                                        \
            fail_msg("timed out after %d ms waiting for %s", WAIT_MS, #cond); \
        }                                                                     \
    } while (0)

/* Holds the pin down until the button has counted the press, then lets go until it has seen
 * the release: tied to what the device saw, not to wall time, so a busy machine cannot turn
 * a press into a glitch. */
static void press(struct rig *r)
{
    uint32_t before = r->app.state.presses;
    r->pressed = true;
    WAIT_UNTIL(r, r->app.state.presses == before + 1);
    r->pressed = false;
    WAIT_UNTIL(r, !r->app.debounce.stable_pressed);
}

static int setup(void **state)
{
    struct rig *r = calloc(1, sizeof *r);
    if (r == NULL || broker_start(&r->broker) != 0) {
        free(r);
        return -1;
    }
    srand(7);
    snprintf(r->store_path, sizeof r->store_path, "%s/nvs.txt", r->broker.dir);
    const struct button_config cfg = {
        .device_id = DEVICE, .fw_version = FW, .gateway_host = "127.0.0.1",
        .ota_allow_http = true, .ota_max_image_size = 0x180000, .debounce_ms = 5,
        .backoff_min_ms = 50, .backoff_max_ms = 400, .backoff_jitter_pct = 25,
        .ack_timeout_ms = 2000, .error_after_failures = 1000, .random = test_random,
        .buffer = r->buffer, .buffer_size = BUFFER_SIZE,
    };
    if (file_store_open(&r->fs, r->store_path) != 0 ||
        mosq_port_init(&r->port, DEVICE, "127.0.0.1", r->broker.port) != 0) {
        return -1;
    }
    struct button_port ops = mosq_port_ops(&r->port);
    if (button_app_init(&r->app, &cfg, &ops, &r->fs.kv) != 0 || mosq_port_attach(&r->port, &r->app) != 0 ||
        gw_start(&r->gw, r->broker.port) != 0) {
        return -1;
    }
    *state = r;
    r->button_running = true;
    WAIT_UNTIL(r, r->gw.subscribed && button_online(r) && broker_db_saved(r));
    return 0;
}

static int teardown(void **state)
{
    struct rig *r = *state;
    mosq_port_destroy(&r->port);
    if (r->gw.mosq != NULL) {
        mosquitto_destroy(r->gw.mosq);
    }
    broker_cleanup(&r->broker);
    free(r);
    return 0;
}

static void assert_seqs(const struct rig *r, uint32_t first, uint32_t last)
{

    assert_int_equal(r->gw.bad_payloads, 0);
    assert_int_equal(r->gw.nseqs, (int)(last - first + 1));
    for (int i = 0; i < r->gw.nseqs; i++) {
        assert_int_equal(r->gw.seqs[i], first + (uint32_t)i);
    }
}

static void test_presses_reach_the_broker_in_order_with_the_contract_payload(void **state)
{
    struct rig *r = *state;
    for (int i = 0; i < 5; i++) {
        press(r);
    }
    WAIT_UNTIL(r, gateway_has(r, 5) && button_online(r));
    assert_seqs(r, 1, 5);
    assert_non_null(strstr(r->gw.status, "\"device\":\"" DEVICE "\",\"state\":\"online\""));
}

static void test_presses_made_while_broker_is_down_arrive_in_order_after_restart(void **state)
{
    struct rig *r = *state;
    press(r);
    WAIT_UNTIL(r, gateway_has(r, 1) && button_online(r));
    assert_int_equal(broker_kill(&r->broker), 0);
    WAIT_UNTIL(r, !r->app.mqtt_up);
    for (int i = 0; i < BUFFER_SIZE; i++) {
        press(r);
    }
    assert_int_equal(press_queue_count(&r->app.queue), BUFFER_SIZE);
    assert_int_equal(button_app_state(&r->app, host_now_ms()), BUTTON_CONNECTING);
    assert_int_equal(broker_restart(&r->broker), 0);
    WAIT_UNTIL(r, gateway_has(r, 1 + BUFFER_SIZE) && button_online(r));
    assert_seqs(r, 1, 1 + BUFFER_SIZE);
    assert_int_equal(r->app.queue.dropped, 0);
}

static void test_overflowing_the_buffer_drops_the_oldest_presses_and_counts_them(void **state)
{
    struct rig *r = *state;
    const int extra = 8;
    assert_int_equal(broker_kill(&r->broker), 0);
    WAIT_UNTIL(r, !r->app.mqtt_up);
    for (int i = 0; i < BUFFER_SIZE + extra; i++) {
        press(r);
    }
    assert_int_equal(r->app.queue.dropped, extra);
    assert_int_equal(button_app_state(&r->app, host_now_ms()), BUTTON_ERROR);
    assert_int_equal(broker_restart(&r->broker), 0);
    WAIT_UNTIL(r, gateway_has(r, BUFFER_SIZE) && button_online(r));
    /* The newest BUFFER_SIZE presses, in order; seqs 1..extra were dropped. */
    assert_seqs(r, extra + 1, extra + BUFFER_SIZE);
    WAIT_UNTIL(r, strstr(r->gw.status, "\"dropped\":8") != NULL);
}

#define SHA256_HEX "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

static void gateway_notice(struct rig *r, const char *topic, const char *host)
{
    char notice[UPDATE_NOTICE_MAX_BYTES];
    int len = snprintf(notice, sizeof notice,
                       "{\"version\":\"1.1.0\",\"url\":\"http://%s:8080/fw/button-1.1.0.bin\","
                       "\"sha256\":\"" SHA256_HEX "\",\"size\":917504}", host);
    assert_int_equal(mosquitto_publish(r->gw.mosq, NULL, topic, len, notice, 1, true), MOSQ_ERR_SUCCESS);
}

static void test_update_notices_from_the_gateway_are_checked_and_acted_on(void **state)
{
    struct rig *r = *state;
    gateway_notice(r, "edgebus/button/" DEVICE "/update", "evil.example");
    WAIT_UNTIL(r, strstr(r->gw.status, "\"update\":\"wrong_host\"") != NULL);
    assert_int_equal(r->port.updates_started, 0);
    gateway_notice(r, "edgebus/button/update", "127.0.0.1");
    WAIT_UNTIL(r, r->port.updates_started == 1);
    assert_string_equal(r->port.last_update.url, "http://127.0.0.1:8080/fw/button-1.1.0.bin");
    assert_int_equal(r->port.last_update.size, 917504);
    assert_int_equal(r->port.last_update.sha256[0], 0x9f);
    assert_int_equal(button_app_state(&r->app, host_now_ms()), BUTTON_UPDATING);
}

static void test_vanished_button_is_marked_offline_by_its_last_will(void **state)
{
    struct rig *r = *state;
    WAIT_UNTIL(r, strstr(r->gw.status, "\"state\":\"online\"") != NULL);
    /* Destroying the client drops the TCP link without DISCONNECT, like a power cut. */
    r->button_running = false;
    mosq_port_destroy(&r->port);
    WAIT_UNTIL(r, strcmp(r->gw.status, "{\"device\":\"" DEVICE "\",\"state\":\"offline\"}") == 0);
}

int main(void)
{
    mosquitto_lib_init();
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_presses_reach_the_broker_in_order_with_the_contract_payload),
        T(test_presses_made_while_broker_is_down_arrive_in_order_after_restart),
        T(test_overflowing_the_buffer_drops_the_oldest_presses_and_counts_them),
        T(test_update_notices_from_the_gateway_are_checked_and_acted_on),
        T(test_vanished_button_is_marked_offline_by_its_last_will),
    };
    int failed = cmocka_run_group_tests_name("mqtt_broker", tests, NULL, NULL);
    mosquitto_lib_cleanup();
    return failed;
}
