#include <string.h>

#include "esp_check.h"
#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "esp_wifi.h"

#include "port_internal.h"

static const char *TAG = "button_wifi";

/* SSID and password fields need no NUL when full (a 32-byte SSID is legal). */
static void copy_field(uint8_t *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    memcpy(dst, src, n < cap ? n : cap);
}

static void on_wifi_event(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    (void)arg;
    (void)data;
    struct port_event ev = { 0 };
    if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) {
        ev.kind = PORT_WIFI_DOWN;
    } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
        ev.kind = PORT_WIFI_UP;
    } else {
        return;
    }
    if (!port_post(&ev)) {
        ESP_LOGW(TAG, "event queue full, Wi-Fi event lost");
    }
}

esp_err_t port_wifi_init(const struct button_port_config *cfg)
{
    ESP_RETURN_ON_ERROR(esp_netif_init(), TAG, "netif");
    ESP_RETURN_ON_ERROR(esp_event_loop_create_default(), TAG, "event loop");
    ESP_RETURN_ON_FALSE(esp_netif_create_default_wifi_sta() != NULL, ESP_FAIL, TAG, "sta netif");

    const wifi_init_config_t init = WIFI_INIT_CONFIG_DEFAULT();
    ESP_RETURN_ON_ERROR(esp_wifi_init(&init), TAG, "wifi init");
    ESP_RETURN_ON_ERROR(esp_event_handler_instance_register(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED,
                                                            on_wifi_event, NULL, NULL),
                        TAG, "wifi handler");
    ESP_RETURN_ON_ERROR(esp_event_handler_instance_register(IP_EVENT, IP_EVENT_STA_GOT_IP,
                                                            on_wifi_event, NULL, NULL),
                        TAG, "ip handler");

    wifi_config_t sta = { 0 };
    copy_field(sta.sta.ssid, sizeof sta.sta.ssid, cfg->wifi_ssid);
    copy_field(sta.sta.password, sizeof sta.sta.password, cfg->wifi_password);
    sta.sta.threshold.authmode = cfg->wifi_password[0] != '\0' ? WIFI_AUTH_WPA2_PSK : WIFI_AUTH_OPEN;
    ESP_RETURN_ON_ERROR(esp_wifi_set_mode(WIFI_MODE_STA), TAG, "mode");
    ESP_RETURN_ON_ERROR(esp_wifi_set_config(WIFI_IF_STA, &sta), TAG, "config");
    ESP_RETURN_ON_ERROR(esp_wifi_start(), TAG, "start");
    /* Modem sleep delays a press by up to a DTIM interval; the button is mains/USB powered. */
    ESP_RETURN_ON_ERROR(esp_wifi_set_ps(WIFI_PS_NONE), TAG, "power save");
    return ESP_OK;
}

/* One association attempt; button_core decides when the next one happens. */
int port_wifi_connect(void *ctx)
{
    (void)ctx;
    esp_err_t err = esp_wifi_connect();
    if (err != ESP_OK) {
        ESP_LOGW(TAG, "connect: %s", esp_err_to_name(err));
        return -1;
    }
    return 0;
}
