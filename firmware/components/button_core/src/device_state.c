#include "button_core/device_state.h"

#include <string.h>

#define KEY_PRESSES "presses"
#define KEY_BOOTS "boots"
#define KEY_FW "fw"
#define KEY_PREV_FW "prev_fw"

static int read_u32(const struct kv_store *kv, const char *key, uint32_t *value)
{
    int rc = kv->get_u32(kv->ctx, key, value);
    if (rc == KV_NOT_FOUND) {
        *value = 0;
        return KV_OK;
    }
    return rc;
}

static int read_str(const struct kv_store *kv, const char *key, char *buf, size_t cap)
{
    int rc = kv->get_str(kv->ctx, key, buf, cap);
    if (rc != KV_OK) {
        buf[0] = '\0';
    }
    return rc == KV_NOT_FOUND ? KV_OK : rc;
}

static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int device_state_load(struct device_state *s, const struct kv_store *store, const char *running_fw)
{
    const struct kv_store *kv = store;
    memset(s, 0, sizeof *s);
    s->store = store;
    copy_text(s->fw, sizeof s->fw, running_fw);

    char saved_fw[DEVICE_FW_MAX];
    int rc = KV_OK;
    rc |= read_u32(kv, KEY_PRESSES, &s->presses);
    rc |= read_u32(kv, KEY_BOOTS, &s->boots);
    rc |= read_str(kv, KEY_FW, saved_fw, sizeof saved_fw);
    rc |= read_str(kv, KEY_PREV_FW, s->prev_fw, sizeof s->prev_fw);

    s->boots++;
    rc |= kv->set_u32(kv->ctx, KEY_BOOTS, s->boots);
    if (strcmp(saved_fw, s->fw) != 0) {
        /* First boot of a new image: remember where we came from (nothing on a blank device). */
        if (saved_fw[0] != '\0') {
            copy_text(s->prev_fw, sizeof s->prev_fw, saved_fw);
            rc |= kv->set_str(kv->ctx, KEY_PREV_FW, s->prev_fw);
        }
        rc |= kv->set_str(kv->ctx, KEY_FW, s->fw);
    }
    rc |= kv->commit(kv->ctx);
    s->storage_ok = (rc == KV_OK);
    return s->storage_ok ? 0 : -1;
}

int device_state_next_seq(struct device_state *s, uint32_t *seq)
{
    const struct kv_store *kv = s->store;
    s->presses++;
    *seq = s->presses;
    int rc = kv->set_u32(kv->ctx, KEY_PRESSES, s->presses);
    if (rc == KV_OK) {
        rc = kv->commit(kv->ctx);
    }
    s->storage_ok = (rc == KV_OK);
    return s->storage_ok ? 0 : -1;
}
