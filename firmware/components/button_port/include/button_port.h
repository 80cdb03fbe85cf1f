/*
 * Binds button_core to an ESP32 running ESP-IDF v5.x. Set-up functions return
 * esp_err_t for app_main to check; nothing here aborts on its own.
 */
#ifndef BUTTON_PORT_H
#define BUTTON_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"

#include "button_core/button_app.h"
#include "button_core/kv_store.h"

struct button_port_config {
    int button_gpio; /* pressed = low; the internal pull-up is enabled (not on GPIO 34-39) */
    int led_gpio;
    bool led_active_low;
    uint32_t poll_ms;
    const char *wifi_ssid;
    const char *wifi_password;
    const char *gateway_host;
    uint16_t mqtt_port;
    const char *mqtt_username; /* "" for none */
    const char *mqtt_password; /* "" for none */
    const char *ota_ca_pem;    /* CA for https image URLs, NULL if none configured */
    bool sntp;                 /* set the clock from an SNTP server on gateway_host */
};

/* NVS namespace "edgebus" as a kv_store (nvs_flash_init must have run). */
esp_err_t button_port_open_store(struct kv_store *out);

/* The platform functions for button_app_init; usable before button_port_start. */
struct button_port button_port_ops(void);

/* esp_random(), in the shape button_core's back-off wants. */
uint32_t button_port_random(void *ctx);

/* Size of the OTA slot an update would be written to; 0 without an OTA partition table. */
uint32_t button_port_ota_capacity(void);

/* Sets up GPIO, the LED, Wi-Fi, SNTP and the MQTT client (with the app's last will).
 * Call once, after button_app_init. */
esp_err_t button_port_start(const struct button_port_config *cfg, struct button_app *app);

/* Runs the button in the calling task, forever. */
void button_port_run(struct button_app *app);

#endif
