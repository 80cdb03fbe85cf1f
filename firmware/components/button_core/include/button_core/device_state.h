/*
 * What the button remembers across reboots: the press counter (which is also
 * the sequence number the gateway deduplicates on, so it must never go back),
 * the boot count and the firmware version it last ran.
 */
#ifndef BUTTON_CORE_DEVICE_STATE_H
#define BUTTON_CORE_DEVICE_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "button_core/kv_store.h"

#define DEVICE_FW_MAX 32

struct device_state {
    const struct kv_store *store;
    uint32_t presses; /* the last sequence number issued; 0 before the first press */
    uint32_t boots;
    char fw[DEVICE_FW_MAX];
    char prev_fw[DEVICE_FW_MAX]; /* the version before the last update, "" if never updated */
    bool storage_ok;
};

/*
 * Reads the saved state, counts this boot and records running_fw.
 * Returns 0, or -1 if storage failed; the state is usable either way.
 */
int device_state_load(struct device_state *s, const struct kv_store *store, const char *running_fw);

/*
 * Issues the next sequence number and saves it before returning, so a press
 * that reached the gateway is never numbered again after a reset. Returns -1
 * if saving failed: *seq is still issued (a visitor's press is not thrown
 * away), but storage_ok turns false and the status topic says so.
 */
int device_state_next_seq(struct device_state *s, uint32_t *seq);

#endif
