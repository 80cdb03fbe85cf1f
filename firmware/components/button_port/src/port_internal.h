/*
 * Shared by the port's files (private). Wi-Fi, MQTT and OTA callbacks run in
 * other tasks; they only post a port_event, and the button task hands it to
 * button_core, which is therefore only ever touched by one task.
 */
#ifndef BUTTON_PORT_INTERNAL_H
#define BUTTON_PORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esp_err.h"

#include "button_core/button_app.h"
#include "button_port.h"

enum port_event_kind {
    PORT_WIFI_UP,
    PORT_WIFI_DOWN,
    PORT_MQTT_UP,
    PORT_MQTT_DOWN,
    PORT_PUBLISHED,
    PORT_MESSAGE,
    PORT_UPDATE_FAILED,
};

struct port_event {
    enum port_event_kind kind;
    int msg_id;
    char topic[TOPIC_MAX];
    char *payload; /* heap copy for PORT_MESSAGE; the receiver frees it */
    size_t len;
    const char *reason; /* static string for PORT_UPDATE_FAILED */
};

/* From any task. Returns false if the queue is full (the caller frees its payload). */
bool port_post(const struct port_event *ev);

esp_err_t port_loop_init(const struct button_port_config *cfg);

esp_err_t port_gpio_init(const struct button_port_config *cfg);
bool port_button_pressed(void);
void port_led_set(bool on);

esp_err_t port_wifi_init(const struct button_port_config *cfg);
int port_wifi_connect(void *ctx);

esp_err_t port_clock_init(const struct button_port_config *cfg);
int64_t port_wall_clock_ms(void *ctx);

esp_err_t port_mqtt_init(const struct button_port_config *cfg, const struct button_app *app);
int port_mqtt_connect(void *ctx);
int port_mqtt_publish(void *ctx, const char *topic, const char *payload, size_t len, bool retain,
                      int *msg_id);
int port_mqtt_subscribe(void *ctx, const char *topic);

void port_ota_set_ca(const char *ca_pem);
int port_ota_start(void *ctx, const struct update_notice *notice);
/* After an update, the new image is kept only once it has reached the broker. */
void port_ota_confirm_running_image(void);

#endif
