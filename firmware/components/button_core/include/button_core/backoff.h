/*
 * Exponential back-off with jitter for reconnect attempts.
 *
 * Attempt n (from 0) has the nominal delay base(n) = min(max_ms, min_ms * 2^n).
 * The delay returned is base(n) - r, with r drawn uniformly from
 * [0, base(n) * jitter_pct / 100]. So every delay lies in
 * [min_ms * (100 - jitter_pct) / 100, max_ms]: jitter never pushes a delay past
 * max_ms, and a fleet of buttons that lost the same broker does not come back
 * in lock-step once they all sit at the cap.
 */
#ifndef BUTTON_CORE_BACKOFF_H
#define BUTTON_CORE_BACKOFF_H

#include <stdint.h>

/* Any 32-bit random source; esp_random() on the device, a seeded PRNG in tests. */
typedef uint32_t (*random_fn)(void *ctx);

struct backoff {
    uint32_t min_ms;
    uint32_t max_ms;
    uint32_t jitter_pct;
    uint32_t attempt;
    random_fn random;
    void *random_ctx;
};

/* Returns 0, or -1 if min_ms is 0, max_ms < min_ms, jitter_pct > 100 or random is NULL. */
int backoff_init(struct backoff *b, uint32_t min_ms, uint32_t max_ms, uint32_t jitter_pct,
                 random_fn random, void *random_ctx);

/* The delay before the next attempt; advances the attempt count. */
uint32_t backoff_next_ms(struct backoff *b);

/* After a successful connection: the next failure starts again from min_ms. */
void backoff_reset(struct backoff *b);

#endif
