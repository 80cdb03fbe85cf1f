/*
 * Software debounce for one push button.
 *
 * A level change is believed only after the raw input has held the new level
 * for settle_ms without interruption; each interruption restarts the wait.
 * A press is reported once, on the accepted released -> pressed transition.
 */
#ifndef BUTTON_CORE_DEBOUNCE_H
#define BUTTON_CORE_DEBOUNCE_H

#include <stdbool.h>
#include <stdint.h>

struct debounce {
    uint32_t settle_ms;
    bool stable_pressed;
    bool last_raw;
    uint64_t last_change_ms;
};

/* Starts from the level the pin has now, so a button held during boot is not a press. */
void debounce_init(struct debounce *d, uint32_t settle_ms, uint64_t now_ms, bool raw_pressed);

/* Feeds one sample (any rate; the ESP layer samples every few ms). Returns true on a press. */
bool debounce_update(struct debounce *d, uint64_t now_ms, bool raw_pressed);

#endif
