#include <sys/time.h>

#include "esp_check.h"
#include "esp_netif_sntp.h"

#include "port_internal.h"

static const char *TAG = "button_clock";

/* 2024-01-01T00:00:00Z: an ESP32 clock earlier than this was never set. */
#define CLOCK_SET_AFTER_S 1704067200

esp_err_t port_clock_init(const struct button_port_config *cfg)
{
    if (!cfg->sntp) {
        return ESP_OK;
    }
    /* lwIP keeps the server name pointer: gateway_host must be static (it is, in main.c). */
    esp_sntp_config_t sntp = ESP_NETIF_SNTP_DEFAULT_CONFIG(cfg->gateway_host);
    ESP_RETURN_ON_ERROR(esp_netif_sntp_init(&sntp), TAG, "sntp");
    return ESP_OK;
}

int64_t port_wall_clock_ms(void *ctx)
{
    (void)ctx;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (tv.tv_sec < CLOCK_SET_AFTER_S) {
        return 0;
    }
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}
