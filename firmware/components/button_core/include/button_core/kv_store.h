/*
 * The storage seam: NVS on the device, a file or a memory image on the host.
 * Keys are at most KV_KEY_MAX characters because NVS allows no more.
 */
#ifndef BUTTON_CORE_KV_STORE_H
#define BUTTON_CORE_KV_STORE_H

#include <stddef.h>
#include <stdint.h>

#define KV_KEY_MAX 15

#define KV_OK 0
#define KV_NOT_FOUND 1
#define KV_ERROR (-1)

struct kv_store {
    void *ctx;
    int (*get_u32)(void *ctx, const char *key, uint32_t *value);
    int (*set_u32)(void *ctx, const char *key, uint32_t value);
    /* KV_ERROR too when the value does not fit in cap bytes with its NUL. */
    int (*get_str)(void *ctx, const char *key, char *buf, size_t cap);
    int (*set_str)(void *ctx, const char *key, const char *value);
    /* Writes become durable (survive a reset) only once commit returns KV_OK. */
    int (*commit)(void *ctx);
};

#endif
