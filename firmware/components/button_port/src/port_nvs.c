#include "esp_check.h"
#include "nvs.h"

#include "port_internal.h"

static const char *TAG = "button_nvs";

static nvs_handle_t s_nvs;

static int kv_result(esp_err_t err)
{
    if (err == ESP_OK) {
        return KV_OK;
    }
    return err == ESP_ERR_NVS_NOT_FOUND ? KV_NOT_FOUND : KV_ERROR;
}

static int get_u32(void *ctx, const char *key, uint32_t *value)
{
    (void)ctx;
    return kv_result(nvs_get_u32(s_nvs, key, value));
}

static int set_u32(void *ctx, const char *key, uint32_t value)
{
    (void)ctx;
    return kv_result(nvs_set_u32(s_nvs, key, value));
}

static int get_str(void *ctx, const char *key, char *buf, size_t cap)
{
    (void)ctx;
    size_t len = cap;
    /* ESP_ERR_NVS_INVALID_LENGTH (value longer than cap) maps to KV_ERROR, as the interface says. */
    return kv_result(nvs_get_str(s_nvs, key, buf, &len));
}

static int set_str(void *ctx, const char *key, const char *value)
{
    (void)ctx;
    return kv_result(nvs_set_str(s_nvs, key, value));
}

static int commit(void *ctx)
{
    (void)ctx;
    return kv_result(nvs_commit(s_nvs));
}

esp_err_t button_port_open_store(struct kv_store *out)
{
    ESP_RETURN_ON_ERROR(nvs_open("edgebus", NVS_READWRITE, &s_nvs), TAG, "open namespace");
    *out = (struct kv_store){ NULL, get_u32, set_u32, get_str, set_str, commit };
    return ESP_OK;
}
