#include <stdlib.h>
#include <string.h>

#include "esp_app_desc.h"
#include "esp_https_ota.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"
#include "esp_system.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "mbedtls/sha256.h"

#include "port_internal.h"

static const char *TAG = "button_ota";

#define OTA_TASK_STACK 8192
#define HTTP_TIMEOUT_MS 15000

static const char *s_ca_pem;

void port_ota_set_ca(const char *ca_pem)
{
    s_ca_pem = ca_pem;
}

/* Before the body: the image must be the version and size the notice announced. */
static const char *check_header(esp_https_ota_handle_t h, const struct update_notice *n)
{
    esp_app_desc_t desc;
    if (esp_https_ota_get_img_desc(h, &desc) != ESP_OK) {
        return "download_failed";
    }
    if (strncmp(desc.version, n->version, sizeof desc.version) != 0) {
        return "version_mismatch";
    }
    int size = esp_https_ota_get_image_size(h);
    if (size >= 0 && (uint32_t)size != n->size) {
        return "size_mismatch";
    }
    return NULL;
}

/* After the body, before it may boot: hash exactly what was written to the slot. */
static const char *check_image(esp_https_ota_handle_t h, const struct update_notice *n)
{
    if ((uint32_t)esp_https_ota_get_image_len_read(h) != n->size) {
        return "size_mismatch";
    }
    const esp_partition_t *slot = esp_ota_get_next_update_partition(NULL);
    if (slot == NULL) {
        return "no_ota_slot";
    }
    uint8_t chunk[512];
    uint8_t digest[32];
    mbedtls_sha256_context sha;
    mbedtls_sha256_init(&sha);
    int rc = mbedtls_sha256_starts(&sha, 0);
    for (uint32_t off = 0; rc == 0 && off < n->size; off += sizeof chunk) {
        size_t len = n->size - off < sizeof chunk ? n->size - off : sizeof chunk;
        rc = esp_partition_read(slot, off, chunk, len) == ESP_OK ? mbedtls_sha256_update(&sha, chunk, len) : -1;
    }
    if (rc == 0) {
        rc = mbedtls_sha256_finish(&sha, digest);
    }
    mbedtls_sha256_free(&sha);
    if (rc != 0) {
        return "read_failed";
    }
    return update_image_digest_matches(n, digest) ? NULL : "sha256_mismatch";
}

/* Returns NULL when the new image is written, checked and selected for the next boot. */
static const char *download(const struct update_notice *n)
{
    const esp_http_client_config_t http = {
        .url = n->url,
        .cert_pem = s_ca_pem,
        .timeout_ms = HTTP_TIMEOUT_MS,
        .keep_alive_enable = true,
    };
    const esp_https_ota_config_t ota = { .http_config = &http };
    esp_https_ota_handle_t h = NULL;
    if (esp_https_ota_begin(&ota, &h) != ESP_OK) {
        return "download_failed";
    }
    const char *reason = check_header(h, n);
    if (reason == NULL) {
        esp_err_t err;
        do {
            err = esp_https_ota_perform(h);
        } while (err == ESP_ERR_HTTPS_OTA_IN_PROGRESS);
        if (err != ESP_OK || !esp_https_ota_is_complete_data_received(h)) {
            reason = "download_failed";
        }
    }
    if (reason == NULL) {
        reason = check_image(h, n);
    }
    if (reason != NULL) {
        esp_https_ota_abort(h);
        return reason;
    }
    /* finish verifies the image format and switches the boot partition. */
    return esp_https_ota_finish(h) == ESP_OK ? NULL : "image_invalid";
}

static void ota_task(void *arg)
{
    struct update_notice *n = arg;
    ESP_LOGI(TAG, "updating to %s from %s", n->version, n->url);
    const char *reason = download(n);
    free(n);
    if (reason == NULL) {
        ESP_LOGI(TAG, "update written, restarting");
        vTaskDelay(pdMS_TO_TICKS(200));
        esp_restart();
    }
    ESP_LOGW(TAG, "update failed: %s", reason);
    const struct port_event ev = { .kind = PORT_UPDATE_FAILED, .reason = reason };
    if (!port_post(&ev)) {
        ESP_LOGW(TAG, "event queue full, update result lost");
    }
    vTaskDelete(NULL);
}

/* button_core starts at most one update at a time (it ignores notices while updating). */
int port_ota_start(void *ctx, const struct update_notice *notice)
{
    (void)ctx;
    struct update_notice *copy = malloc(sizeof *copy);
    if (copy == NULL) {
        return -1;
    }
    *copy = *notice;
    if (xTaskCreate(ota_task, "button_ota", OTA_TASK_STACK, copy, 4, NULL) != pdPASS) {
        free(copy);
        return -1;
    }
    return 0;
}

void port_ota_confirm_running_image(void)
{
    esp_ota_img_states_t state;
    const esp_partition_t *running = esp_ota_get_running_partition();
    if (esp_ota_get_state_partition(running, &state) == ESP_OK && state == ESP_OTA_IMG_PENDING_VERIFY) {
        esp_err_t err = esp_ota_mark_app_valid_cancel_rollback();
        ESP_LOGI(TAG, "new image confirmed: %s", esp_err_to_name(err));
    }
}

uint32_t button_port_ota_capacity(void)
{
    const esp_partition_t *slot = esp_ota_get_next_update_partition(NULL);
    return slot != NULL ? (uint32_t)slot->size : 0;
}
