#include "button_core/settings.h"

#include <string.h>

static bool all_chars_in(const char *s, size_t max_len, bool (*allowed)(char))
{
    size_t n = strlen(s);
    if (n == 0 || n > max_len) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!allowed(s[i])) {
            return false;
        }
    }
    return true;
}

static bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool id_char(char c)
{
    return alnum(c) || c == '-' || c == '_';
}

static bool host_char(char c)
{
    return alnum(c) || c == '-' || c == '.';
}

bool device_id_valid(const char *id)
{
    return all_chars_in(id, DEVICE_ID_MAX - 1, id_char);
}

bool gateway_host_valid(const char *host)
{
    return all_chars_in(host, GATEWAY_HOST_MAX - 1, host_char);
}

/* Reads one string override; returns 1 if it was present but refused, -1 on store failure. */
static int override_str(const struct kv_store *kv, const char *key, char *dst, size_t cap,
                        bool (*valid)(const char *))
{
    char value[GATEWAY_HOST_MAX > DEVICE_ID_MAX ? GATEWAY_HOST_MAX : DEVICE_ID_MAX];
    int rc = kv->get_str(kv->ctx, key, value, cap < sizeof value ? cap : sizeof value);
    if (rc == KV_NOT_FOUND) {
        return 0;
    }
    if (rc != KV_OK || !valid(value)) {
        /* An unreadable (e.g. too long) value is as unusable as an invalid one. */
        return 1;
    }
    memcpy(dst, value, strlen(value) + 1);
    return 0;
}

int device_settings_load(struct device_settings *out, const struct kv_store *store,
                         const struct device_settings *defaults)
{
    *out = *defaults;
    int refused = 0;
    refused += override_str(store, "device_id", out->device_id, sizeof out->device_id, device_id_valid);
    refused += override_str(store, "gw_host", out->gateway_host, sizeof out->gateway_host,
                            gateway_host_valid);
    uint32_t port;
    int rc = store->get_u32(store->ctx, "mqtt_port", &port);
    if (rc == KV_OK && port > 0 && port <= 65535) {
        out->mqtt_port = (uint16_t)port;
    } else if (rc != KV_NOT_FOUND) {
        refused++;
    }
    return refused;
}
