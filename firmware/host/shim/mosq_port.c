#define _POSIX_C_SOURCE 200809L
#include "mosq_port.h"

#include "button_core/press_payload.h"

#include <mosquitto.h>
#include <string.h>
#include <time.h>

#define KEEPALIVE_S 5

uint64_t host_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int wifi_connect(void *ctx)
{
    struct mosq_port *p = ctx;
    /* Reported on the next step, never from inside the app's own call. */
    p->wifi_pending = true;
    return 0;
}

static int mqtt_connect(void *ctx)
{
    struct mosq_port *p = ctx;
    int rc;
    if (!p->connect_called) {
        p->connect_called = true;
        rc = mosquitto_connect(p->mosq, p->host, p->port, KEEPALIVE_S);
    } else {
        rc = mosquitto_reconnect(p->mosq);
    }
    return rc == MOSQ_ERR_SUCCESS ? 0 : -1;
}

static int mqtt_publish(void *ctx, const char *topic, const char *payload, size_t len, bool retain,
                        int *msg_id)
{
    struct mosq_port *p = ctx;
    int mid = 0;
    int rc = mosquitto_publish(p->mosq, &mid, topic, (int)len, payload, 1, retain);
    *msg_id = mid;
    return rc == MOSQ_ERR_SUCCESS ? 0 : -1;
}

static int mqtt_subscribe(void *ctx, const char *topic)
{
    struct mosq_port *p = ctx;
    return mosquitto_subscribe(p->mosq, NULL, topic, 1) == MOSQ_ERR_SUCCESS ? 0 : -1;
}

/* The PC has no OTA partition: record what would be downloaded, for the test to check. */
static int start_update(void *ctx, const struct update_notice *notice)
{
    struct mosq_port *p = ctx;
    p->updates_started++;
    p->last_update = *notice;
    return 0;
}

static int64_t wall_clock_ms(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_connect(struct mosquitto *mosq, void *obj, int rc)
{
    (void)mosq;
    struct mosq_port *p = obj;
    p->connected = (rc == 0);
    button_app_mqtt_event(p->app, host_now_ms(), rc == 0);
}

static void on_disconnect(struct mosquitto *mosq, void *obj, int rc)
{
    (void)mosq;
    (void)rc;
    struct mosq_port *p = obj;
    p->connected = false;
    button_app_mqtt_event(p->app, host_now_ms(), false);
}

static void on_publish(struct mosquitto *mosq, void *obj, int mid)
{
    (void)mosq;
    struct mosq_port *p = obj;
    button_app_published(p->app, host_now_ms(), mid);
}

static void on_message(struct mosquitto *mosq, void *obj, const struct mosquitto_message *m)
{
    (void)mosq;
    struct mosq_port *p = obj;
    (void)button_app_message(p->app, m->topic, m->payload, (size_t)m->payloadlen);
}

int mosq_port_init(struct mosq_port *p, const char *client_id, const char *host, int port)
{
    memset(p, 0, sizeof *p);
    if (strlen(host) >= sizeof p->host) {
        return -1;
    }
    strcpy(p->host, host);
    p->port = port;
    p->mosq = mosquitto_new(client_id, true, p);
    if (p->mosq == NULL) {
        return -1;
    }
    mosquitto_connect_callback_set(p->mosq, on_connect);
    mosquitto_disconnect_callback_set(p->mosq, on_disconnect);
    mosquitto_publish_callback_set(p->mosq, on_publish);
    mosquitto_message_callback_set(p->mosq, on_message);
    return 0;
}

struct button_port mosq_port_ops(struct mosq_port *p)
{
    return (struct button_port){
        .ctx = p,
        .wifi_connect = wifi_connect,
        .mqtt_connect = mqtt_connect,
        .mqtt_publish = mqtt_publish,
        .mqtt_subscribe = mqtt_subscribe,
        .start_update = start_update,
        .wall_clock_ms = wall_clock_ms,
    };
}

int mosq_port_attach(struct mosq_port *p, struct button_app *app)
{
    char will[OFFLINE_PAYLOAD_MAX];
    p->app = app;
    int len = button_app_last_will(app, will, sizeof will);
    if (len < 0) {
        return -1;
    }
    return mosquitto_will_set(p->mosq, app->topics.status, len, will, 1, true) == MOSQ_ERR_SUCCESS
               ? 0
               : -1;
}

void mosq_port_step(struct mosq_port *p, uint64_t now_ms, int timeout_ms)
{
    if (p->wifi_pending) {
        p->wifi_pending = false;
        button_app_wifi_event(p->app, now_ms, true);
    }
    if (p->connect_called && mosquitto_socket(p->mosq) >= 0) {
        (void)mosquitto_loop(p->mosq, timeout_ms, 1);
    } else if (timeout_ms > 0) {
        struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
    }
}

void mosq_port_destroy(struct mosq_port *p)
{
    if (p->mosq != NULL) {
        mosquitto_destroy(p->mosq);
        p->mosq = NULL;
    }
}
