/*
 * A fake platform for button_app tests (shared by the test_button_app_*
 * files): every port call is recorded, every link event is injected, and time
 * is whatever the test says.
 */
#ifndef TEST_FAKE_PLATFORM_H
#define TEST_FAKE_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "button_core/button_app.h"
#include "button_core/press_payload.h"
#include "file_store.h"

#define MAX_PUBS 64

struct publication {
    char topic[TOPIC_MAX];
    char payload[STATUS_PAYLOAD_MAX];
    bool retain;
    int msg_id;
};

struct fake {
    int wifi_connects;
    int mqtt_connects;
    int mqtt_connect_rc;
    int publish_rc;
    int next_msg_id;
    struct publication pubs[MAX_PUBS];
    int npubs;
    char subs[4][TOPIC_MAX];
    int nsubs;
    int updates;
    struct update_notice last_update;
};

struct world {
    char dir[64];
    char path[96];
    struct file_store fs;
    struct press_record buffer[4];
    struct fake fake;
    struct button_app app;
    uint64_t now;
};

/* cmocka setup/teardown: a world with an app configured as in every test here
 * (debounce 20 ms, back-off 100..800 ms without jitter, ack timeout 1 s, buffer 4). */
int world_setup(void **state);
int world_teardown(void **state);

uint32_t no_jitter(void *ctx);

/* Polls every 5 ms for ms milliseconds with the pin at the given level. */
void poll_for(struct world *w, uint32_t ms, bool pressed);
/* One clean press and release, long enough for the debouncer. */
void press(struct world *w);
/* Wi-Fi up, MQTT up, subscriptions and status done. */
void bring_up(struct world *w);

const struct publication *last_pub(const struct world *w);
int count_pubs(const struct world *w, const char *topic);
uint32_t seq_of(const struct publication *p);

#endif
