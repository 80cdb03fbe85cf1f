#include "button_core/led_pattern.h"

/* Patterns are told apart by rhythm, not brightness, so one plain LED is enough. */
bool led_pattern_is_on(enum button_state state, uint64_t now_ms)
{
    switch (state) {
    case BUTTON_CONNECTING:
        return now_ms % 1000 < 100;
    case BUTTON_READY:
        return true;
    case BUTTON_SENDING:
        return now_ms % 100 < 50;
    case BUTTON_ERROR: {
        uint64_t t = now_ms % 1000;
        return t < 100 || (t >= 200 && t < 300);
    }
    case BUTTON_UPDATING:
        return now_ms % 1000 < 500;
    }
    return false;
}

const char *button_state_name(enum button_state state)
{
    switch (state) {
    case BUTTON_CONNECTING: return "connecting";
    case BUTTON_READY: return "ready";
    case BUTTON_SENDING: return "sending";
    case BUTTON_ERROR: return "error";
    case BUTTON_UPDATING: return "updating";
    }
    return "unknown";
}
