/*
 * EdgeBus button: a debounced press becomes an MQTT message to the gateway
 * (contract: docs/button-mqtt.md). The behaviour is in components/button_core,
 * the ESP-IDF binding in components/button_port; this file only wires them.
 */
#include <stdio.h>
#include <string.h>

#include "esp_app_desc.h"
#include "esp_check.h"
#include "esp_err.h"
#include "esp_log.h"
#include "esp_mac.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "nvs_flash.h"

#include "button_core/button_app.h"
#include "button_core/settings.h"
#include "button_port.h"

static const char *TAG = "main";

#ifdef CONFIG_EDGEBUS_OTA_CA_CERT
extern const char gateway_ca_pem_start[] asm("_binary_gateway_ca_pem_start");
#define OTA_CA_PEM gateway_ca_pem_start
#else
#define OTA_CA_PEM NULL
#endif

#ifdef CONFIG_EDGEBUS_OTA_ALLOW_HTTP
#define OTA_ALLOW_HTTP true
#else
#define OTA_ALLOW_HTTP false
#endif

#ifdef CONFIG_EDGEBUS_LED_ACTIVE_LOW
#define LED_ACTIVE_LOW true
#else
#define LED_ACTIVE_LOW false
#endif

#ifdef CONFIG_EDGEBUS_SNTP
#define USE_SNTP true
#else
#define USE_SNTP false
#endif

/* Static: the MQTT client, SNTP and the button task keep pointers into these. */
static struct press_record s_buffer[CONFIG_EDGEBUS_PRESS_BUFFER_SIZE];
static struct button_app s_app;
static struct kv_store s_store;
static struct device_settings s_settings;

static esp_err_t init_nvs(void)
{
    esp_err_t err = nvs_flash_init();
    if (err == ESP_ERR_NVS_NO_FREE_PAGES || err == ESP_ERR_NVS_NEW_VERSION_FOUND) {
        /* Unusable as it is. Erasing restarts the press counter: see firmware/README.md. */
        ESP_LOGW(TAG, "NVS unusable (%s): erasing, press counter restarts", esp_err_to_name(err));
        ESP_RETURN_ON_ERROR(nvs_flash_erase(), TAG, "erase NVS");
        err = nvs_flash_init();
    }
    return err;
}

static void default_settings(struct device_settings *d)
{
    memset(d, 0, sizeof *d);
    if (device_id_valid(CONFIG_EDGEBUS_DEVICE_ID)) {
        snprintf(d->device_id, sizeof d->device_id, "%s", CONFIG_EDGEBUS_DEVICE_ID);
    } else {
        uint8_t mac[6] = { 0 };
        esp_read_mac(mac, ESP_MAC_WIFI_STA);
        snprintf(d->device_id, sizeof d->device_id, "btn-%02x%02x%02x", mac[3], mac[4], mac[5]);
    }
    snprintf(d->gateway_host, sizeof d->gateway_host, "%s", CONFIG_EDGEBUS_GATEWAY_HOST);
    d->mqtt_port = CONFIG_EDGEBUS_MQTT_PORT;
}

static void button_task(void *arg)
{
    button_port_run(arg);
}

void app_main(void)
{
    ESP_ERROR_CHECK(init_nvs());
    ESP_ERROR_CHECK(button_port_open_store(&s_store));

    struct device_settings defaults;
    default_settings(&defaults);
    int refused = device_settings_load(&s_settings, &s_store, &defaults);
    if (refused > 0) {
        ESP_LOGW(TAG, "%d stored setting(s) invalid, using the defaults for them", refused);
    }

    const struct button_config cfg = {
        .device_id = s_settings.device_id,
        .fw_version = esp_app_get_description()->version,
        .gateway_host = s_settings.gateway_host,
        .ota_allow_http = OTA_ALLOW_HTTP,
        .ota_max_image_size = button_port_ota_capacity(),
        .debounce_ms = CONFIG_EDGEBUS_DEBOUNCE_MS,
        .backoff_min_ms = CONFIG_EDGEBUS_BACKOFF_MIN_MS,
        .backoff_max_ms = CONFIG_EDGEBUS_BACKOFF_MAX_MS,
        .backoff_jitter_pct = CONFIG_EDGEBUS_BACKOFF_JITTER_PCT,
        .ack_timeout_ms = CONFIG_EDGEBUS_ACK_TIMEOUT_MS,
        .error_after_failures = CONFIG_EDGEBUS_ERROR_AFTER_FAILURES,
        .random = button_port_random,
        .random_ctx = NULL,
        .buffer = s_buffer,
        .buffer_size = CONFIG_EDGEBUS_PRESS_BUFFER_SIZE,
    };
    const struct button_port ops = button_port_ops();
    if (button_app_init(&s_app, &cfg, &ops, &s_store) != 0) {
        ESP_LOGE(TAG, "unusable configuration (gateway host \"%s\", back-off %d..%d ms)",
                 s_settings.gateway_host, CONFIG_EDGEBUS_BACKOFF_MIN_MS, CONFIG_EDGEBUS_BACKOFF_MAX_MS);
        ESP_ERROR_CHECK(ESP_ERR_INVALID_ARG);
    }

    const struct button_port_config port = {
        .button_gpio = CONFIG_EDGEBUS_BUTTON_GPIO,
        .led_gpio = CONFIG_EDGEBUS_LED_GPIO,
        .led_active_low = LED_ACTIVE_LOW,
        .poll_ms = CONFIG_EDGEBUS_POLL_MS,
        .wifi_ssid = CONFIG_EDGEBUS_WIFI_SSID,
        .wifi_password = CONFIG_EDGEBUS_WIFI_PASSWORD,
        .gateway_host = s_settings.gateway_host,
        .mqtt_port = s_settings.mqtt_port,
        .mqtt_username = CONFIG_EDGEBUS_MQTT_USERNAME,
        .mqtt_password = CONFIG_EDGEBUS_MQTT_PASSWORD,
        .ota_ca_pem = OTA_CA_PEM,
        .sntp = USE_SNTP,
    };
    ESP_ERROR_CHECK(button_port_start(&port, &s_app));

    ESP_LOGI(TAG, "button %s, firmware %s (before: %s), %u presses so far, boot %u%s",
             s_app.device_id, s_app.state.fw, s_app.state.prev_fw[0] ? s_app.state.prev_fw : "-",
             (unsigned)s_app.state.presses, (unsigned)s_app.state.boots,
             s_app.state.storage_ok ? "" : ", NVS FAILING");
    if (xTaskCreate(button_task, "button", CONFIG_EDGEBUS_TASK_STACK, &s_app, 5, NULL) != pdPASS) {
        ESP_ERROR_CHECK(ESP_ERR_NO_MEM);
    }
}
