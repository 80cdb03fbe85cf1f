/* What the status LED shows in each state, as a pure function of time. */
#ifndef BUTTON_CORE_LED_PATTERN_H
#define BUTTON_CORE_LED_PATTERN_H

#include <stdbool.h>
#include <stdint.h>

enum button_state {
    BUTTON_CONNECTING, /* slow blink: looking for Wi-Fi or the broker */
    BUTTON_READY,      /* steady on: connected, nothing waiting */
    BUTTON_SENDING,    /* fast flicker: a press is on its way */
    BUTTON_ERROR,      /* double blink: presses dropped, storage failing or long outage */
    BUTTON_UPDATING,   /* even 1 Hz blink: downloading firmware */
};

bool led_pattern_is_on(enum button_state state, uint64_t now_ms);

const char *button_state_name(enum button_state state);

#endif
