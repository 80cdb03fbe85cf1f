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

#include "fake_platform.h"

static int fake_wifi_connect(void *ctx)
{
    ((struct fake *)ctx)->wifi_connects++;
    return 0;
}

static int fake_mqtt_connect(void *ctx)
{
    struct fake *f = ctx;
    f->mqtt_connects++;
    return f->mqtt_connect_rc;
}

static int fake_publish(void *ctx, const char *topic, const char *payload, size_t len, bool retain,
                        int *msg_id)
{
    struct fake *f = ctx;
    if (f->publish_rc != 0 || f->npubs == MAX_PUBS) {
        return -1;
    }
    struct publication *p = &f->pubs[f->npubs++];
    snprintf(p->topic, sizeof p->topic, "%s", topic);
    memcpy(p->payload, payload, len);
    p->payload[len] = '\0';
    p->retain = retain;
    p->msg_id = *msg_id = ++f->next_msg_id;
    return 0;
}

static int fake_subscribe(void *ctx, const char *topic)
{
    struct fake *f = ctx;
    snprintf(f->subs[f->nsubs++ % 4], TOPIC_MAX, "%s", topic);
    return 0;
}

static int fake_start_update(void *ctx, const struct update_notice *n)
{
    struct fake *f = ctx;
    f->updates++;
    f->last_update = *n;
    return 0;
}

static int64_t fake_clock(void *ctx)
{
    (void)ctx;
    return 1764409200000;
}

uint32_t no_jitter(void *ctx)
{
    (void)ctx;
    return 0;
}

int world_setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    if (w == NULL) {
        return -1;
    }
    strcpy(w->dir, "/tmp/edgebus-app-XXXXXX");
    if (mkdtemp(w->dir) == NULL || (snprintf(w->path, sizeof w->path, "%s/nvs.txt", w->dir), 0) ||
        file_store_open(&w->fs, w->path) != 0) {
        free(w);
        return -1;
    }
    const struct button_config cfg = {
        .device_id = "btn-t", .fw_version = "1.2.0", .gateway_host = "gateway.local",
        .ota_allow_http = true, .ota_max_image_size = 0x180000, .debounce_ms = 20,
        .backoff_min_ms = 100, .backoff_max_ms = 800, .backoff_jitter_pct = 0,
        .ack_timeout_ms = 1000, .error_after_failures = 3, .random = no_jitter,
        .buffer = w->buffer, .buffer_size = 4,
    };
    const struct button_port port = { &w->fake, fake_wifi_connect, fake_mqtt_connect, fake_publish,
                                      fake_subscribe, fake_start_update, fake_clock };
    w->now = 1000;
    if (button_app_init(&w->app, &cfg, &port, &w->fs.kv) != 0) {
        return -1;
    }
    *state = w;
    return 0;
}

int world_teardown(void **state)
{
    struct world *w = *state;
    unlink(w->path);
    rmdir(w->dir);
    free(w);
    return 0;
}

void poll_for(struct world *w, uint32_t ms, bool pressed)
{
    for (uint32_t t = 0; t < ms; t += 5) {
        button_app_poll(&w->app, w->now, pressed);
        w->now += 5;
    }
}

void press(struct world *w)
{
    poll_for(w, 40, true);
    poll_for(w, 40, false);
}

void bring_up(struct world *w)
{
    poll_for(w, 5, false);
    button_app_wifi_event(&w->app, w->now, true);
    poll_for(w, 5, false);
    button_app_mqtt_event(&w->app, w->now, true);
    poll_for(w, 5, false);
}

const struct publication *last_pub(const struct world *w)
{
    assert_true(w->fake.npubs > 0);
    return &w->fake.pubs[w->fake.npubs - 1];
}

int count_pubs(const struct world *w, const char *topic)
{
    int n = 0;
    for (int i = 0; i < w->fake.npubs; i++) {
        n += strcmp(w->fake.pubs[i].topic, topic) == 0;
    }
    return n;
}

uint32_t seq_of(const struct publication *p)
{
    const char *s = strstr(p->payload, "\"seq\":");
    assert_non_null(s);
    return (uint32_t)strtoul(s + 6, NULL, 10);
}

