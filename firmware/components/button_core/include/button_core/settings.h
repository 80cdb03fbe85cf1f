/*
 * Per-device settings: Kconfig gives the defaults, NVS (written at
 * provisioning, see firmware/README.md) may override them per unit.
 */
#ifndef BUTTON_CORE_SETTINGS_H
#define BUTTON_CORE_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "button_core/kv_store.h"

#define DEVICE_ID_MAX 33    /* 32 characters + NUL */
#define GATEWAY_HOST_MAX 64 /* 63 characters + NUL */

struct device_settings {
    char device_id[DEVICE_ID_MAX];
    char gateway_host[GATEWAY_HOST_MAX];
    uint16_t mqtt_port;
};

/* 1-32 of [A-Za-z0-9_-]: safe as an MQTT topic level and as a RabbitMQ routing-key word. */
bool device_id_valid(const char *id);

/* A host name or IPv4 address: 1-63 of [A-Za-z0-9.-]. */
bool gateway_host_valid(const char *host);

/*
 * Starts from defaults and applies every valid override found in the store
 * (keys "device_id", "gw_host", "mqtt_port"). Returns how many stored values
 * were invalid or unreadable and so left at their default.
 */
int device_settings_load(struct device_settings *out, const struct kv_store *store,
                         const struct device_settings *defaults);

#endif
