#include "button_core/debounce.h"

void debounce_init(struct debounce *d, uint32_t settle_ms, uint64_t now_ms, bool raw_pressed)
{
    d->settle_ms = settle_ms;
    d->stable_pressed = raw_pressed;
    d->last_raw = raw_pressed;
    d->last_change_ms = now_ms;
}

bool debounce_update(struct debounce *d, uint64_t now_ms, bool raw_pressed)
{
    if (raw_pressed != d->last_raw) {
        /* Contacts are still moving: restart the quiet-time measurement. */
        d->last_raw = raw_pressed;
        d->last_change_ms = now_ms;
        return false;
    }
    if (raw_pressed == d->stable_pressed || now_ms - d->last_change_ms < d->settle_ms) {
        return false;
    }
    d->stable_pressed = raw_pressed;
    return raw_pressed;
}
