#include <stdlib.h>

#include "esp_check.h"
#include "esp_log.h"
#include "esp_random.h"
#include "esp_timer.h"
#include "freertos/FreeRTOS.h"
#include "freertos/queue.h"

#include "port_internal.h"

static const char *TAG = "button";

#define EVENT_QUEUE_LENGTH 16

static QueueHandle_t s_events;
static uint32_t s_poll_ms;
static bool s_image_confirmed;

bool port_post(const struct port_event *ev)
{
    return s_events != NULL && xQueueSend(s_events, ev, 0) == pdTRUE;
}

esp_err_t port_loop_init(const struct button_port_config *cfg)
{
    s_poll_ms = cfg->poll_ms;
    s_events = xQueueCreate(EVENT_QUEUE_LENGTH, sizeof(struct port_event));
    ESP_RETURN_ON_FALSE(s_events != NULL, ESP_ERR_NO_MEM, TAG, "event queue");
    return ESP_OK;
}

uint32_t button_port_random(void *ctx)
{
    (void)ctx;
    return esp_random();
}

struct button_port button_port_ops(void)
{
    return (struct button_port){
        .ctx = NULL,
        .wifi_connect = port_wifi_connect,
        .mqtt_connect = port_mqtt_connect,
        .mqtt_publish = port_mqtt_publish,
        .mqtt_subscribe = port_mqtt_subscribe,
        .start_update = port_ota_start,
        .wall_clock_ms = port_wall_clock_ms,
    };
}

esp_err_t button_port_start(const struct button_port_config *cfg, struct button_app *app)
{
    ESP_RETURN_ON_ERROR(port_loop_init(cfg), TAG, "loop");
    ESP_RETURN_ON_ERROR(port_gpio_init(cfg), TAG, "gpio");
    ESP_RETURN_ON_ERROR(port_wifi_init(cfg), TAG, "wifi");
    ESP_RETURN_ON_ERROR(port_clock_init(cfg), TAG, "clock");
    ESP_RETURN_ON_ERROR(port_mqtt_init(cfg, app), TAG, "mqtt");
    port_ota_set_ca(cfg->ota_ca_pem);
    return ESP_OK;
}

static uint64_t now_ms(void)
{
    return (uint64_t)esp_timer_get_time() / 1000u;
}

static void dispatch(struct button_app *app, struct port_event *ev)
{
    uint64_t now = now_ms();
    switch (ev->kind) {
    case PORT_WIFI_UP:
    case PORT_WIFI_DOWN:
        button_app_wifi_event(app, now, ev->kind == PORT_WIFI_UP);
        break;
    case PORT_MQTT_UP:
        button_app_mqtt_event(app, now, true);
        if (!s_image_confirmed) {
            s_image_confirmed = true;
            port_ota_confirm_running_image();
        }
        break;
    case PORT_MQTT_DOWN:
        button_app_mqtt_event(app, now, false);
        break;
    case PORT_PUBLISHED:
        button_app_published(app, now, ev->msg_id);
        break;
    case PORT_MESSAGE: {
        int r = button_app_message(app, ev->topic, ev->payload, ev->len);
        if (r >= 0) {
            ESP_LOGI(TAG, "update notice on %s: %s", ev->topic,
                     update_notice_result_name((enum update_notice_result)r));
        }
        free(ev->payload);
        break;
    }
    case PORT_UPDATE_FAILED:
        button_app_update_failed(app, ev->reason);
        break;
    }
}

void button_port_run(struct button_app *app)
{
    TickType_t period = pdMS_TO_TICKS(s_poll_ms);
    if (period == 0) {
        period = 1;
    }
    enum button_state shown = BUTTON_CONNECTING;
    ESP_LOGI(TAG, "state %s", button_state_name(shown));
    for (;;) {
        /* Wait up to one poll period for an event, then take whatever else is queued. */
        struct port_event ev;
        TickType_t wait = period;
        while (xQueueReceive(s_events, &ev, wait) == pdTRUE) {
            dispatch(app, &ev);
            wait = 0;
        }
        uint64_t now = now_ms();
        button_app_poll(app, now, port_button_pressed());
        enum button_state state = button_app_state(app, now);
        port_led_set(led_pattern_is_on(state, now));
        if (state != shown) {
            shown = state;
            ESP_LOGI(TAG, "state %s (presses %u, buffered %u, dropped %u)", button_state_name(state),
                     (unsigned)app->state.presses, (unsigned)press_queue_count(&app->queue),
                     (unsigned)app->queue.dropped);
        }
    }
}
