#include <stdlib.h>
#include <string.h>

#include "esp_check.h"
#include "esp_log.h"
#include "mqtt_client.h"

#include "button_core/press_payload.h"
#include "button_core/update_notice.h"
#include "port_internal.h"

static const char *TAG = "button_mqtt";

/* Any update notice fits in the first fragment of this buffer, so we never reassemble. */
#define MQTT_BUFFER_SIZE 1024

static esp_mqtt_client_handle_t s_client;
static bool s_started;
static char s_will[OFFLINE_PAYLOAD_MAX];

/* Copies a received message for the button task. Longer than a notice may be: we keep one
 * byte more than the limit, enough for button_core to refuse it as too large. */
static bool copy_message(const esp_mqtt_event_t *e, struct port_event *ev)
{
    if (e->current_data_offset != 0 || e->topic_len <= 0 || e->topic_len >= TOPIC_MAX ||
        e->total_data_len < 0) {
        return false;
    }
    size_t keep = (size_t)e->total_data_len;
    if (keep > UPDATE_NOTICE_MAX_BYTES + 1) {
        keep = UPDATE_NOTICE_MAX_BYTES + 1;
    }
    if (keep > (size_t)e->data_len) {
        ESP_LOGW(TAG, "message fragmented below %u bytes, dropped", (unsigned)keep);
        return false;
    }
    ev->payload = malloc(keep > 0 ? keep : 1);
    if (ev->payload == NULL) {
        return false;
    }
    memcpy(ev->payload, e->data, keep);
    ev->len = keep;
    memcpy(ev->topic, e->topic, (size_t)e->topic_len);
    ev->topic[e->topic_len] = '\0';
    return true;
}

static void on_mqtt_event(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    (void)arg;
    (void)base;
    const esp_mqtt_event_t *e = data;
    struct port_event ev = { 0 };
    switch ((esp_mqtt_event_id_t)id) {
    case MQTT_EVENT_CONNECTED:
        ev.kind = PORT_MQTT_UP;
        break;
    case MQTT_EVENT_DISCONNECTED:
        ev.kind = PORT_MQTT_DOWN;
        break;
    case MQTT_EVENT_PUBLISHED:
        ev.kind = PORT_PUBLISHED;
        ev.msg_id = e->msg_id;
        break;
    case MQTT_EVENT_DATA:
        ev.kind = PORT_MESSAGE;
        if (!copy_message(e, &ev)) {
            return;
        }
        break;
    default:
        return;
    }
    if (!port_post(&ev)) {
        ESP_LOGW(TAG, "event queue full, MQTT event %d lost", (int)id);
        free(ev.payload);
    }
}

esp_err_t port_mqtt_init(const struct button_port_config *cfg, const struct button_app *app)
{
    int will_len = button_app_last_will(app, s_will, sizeof s_will);
    ESP_RETURN_ON_FALSE(will_len > 0, ESP_ERR_INVALID_ARG, TAG, "last will");
    const esp_mqtt_client_config_t mc = {
        .broker.address.hostname = cfg->gateway_host,
        .broker.address.port = cfg->mqtt_port,
        .broker.address.transport = MQTT_TRANSPORT_OVER_TCP,
        .credentials.client_id = app->device_id,
        .credentials.username = cfg->mqtt_username[0] != '\0' ? cfg->mqtt_username : NULL,
        .credentials.authentication.password = cfg->mqtt_password[0] != '\0' ? cfg->mqtt_password : NULL,
        .session.last_will.topic = app->topics.status,
        .session.last_will.msg = s_will,
        .session.last_will.msg_len = will_len,
        .session.last_will.qos = 1,
        .session.last_will.retain = 1,
        .session.keepalive = 30,
        /* button_core's back-off with jitter decides when to try again, not esp-mqtt's fixed timer. */
        .network.disable_auto_reconnect = true,
        .network.timeout_ms = 10000,
        .buffer.size = MQTT_BUFFER_SIZE,
    };
    s_client = esp_mqtt_client_init(&mc);
    ESP_RETURN_ON_FALSE(s_client != NULL, ESP_FAIL, TAG, "client init");
    return esp_mqtt_client_register_event(s_client, (esp_mqtt_event_id_t)ESP_EVENT_ANY_ID,
                                          on_mqtt_event, NULL);
}

int port_mqtt_connect(void *ctx)
{
    (void)ctx;
    esp_err_t err;
    if (!s_started) {
        err = esp_mqtt_client_start(s_client);
        s_started = (err == ESP_OK);
    } else {
        /* Fails while the client is still tearing down the last link; the back-off retries. */
        err = esp_mqtt_client_reconnect(s_client);
    }
    return err == ESP_OK ? 0 : -1;
}

int port_mqtt_publish(void *ctx, const char *topic, const char *payload, size_t len, bool retain,
                      int *msg_id)
{
    (void)ctx;
    int id = esp_mqtt_client_publish(s_client, topic, payload, (int)len, 1, retain ? 1 : 0);
    if (id < 0) {
        return -1;
    }
    *msg_id = id;
    return 0;
}

int port_mqtt_subscribe(void *ctx, const char *topic)
{
    (void)ctx;
    return esp_mqtt_client_subscribe(s_client, topic, 1) < 0 ? -1 : 0;
}
