#include "button_core/backoff.h"

#include <stddef.h>

int backoff_init(struct backoff *b, uint32_t min_ms, uint32_t max_ms, uint32_t jitter_pct,
                 random_fn random, void *random_ctx)
{
    if (min_ms == 0 || max_ms < min_ms || jitter_pct > 100 || random == NULL) {
        return -1;
    }
    b->min_ms = min_ms;
    b->max_ms = max_ms;
    b->jitter_pct = jitter_pct;
    b->attempt = 0;
    b->random = random;
    b->random_ctx = random_ctx;
    return 0;
}

static uint32_t nominal_ms(const struct backoff *b)
{
    uint64_t base = b->min_ms;
    /* Stop doubling at the cap, so the shift can never overflow however long we fail. */
    for (uint32_t i = 0; i < b->attempt && base < b->max_ms; i++) {
        base *= 2;
    }
    return base > b->max_ms ? b->max_ms : (uint32_t)base;
}

uint32_t backoff_next_ms(struct backoff *b)
{
    uint32_t base = nominal_ms(b);
    if (base < b->max_ms) {
        b->attempt++;
    }
    uint32_t span = (uint32_t)((uint64_t)base * b->jitter_pct / 100);
    if (span == 0) {
        return base;
    }
    /* Modulo bias is at most span / 2^32: irrelevant for delays of a few minutes. */
    uint32_t r = (uint32_t)(b->random(b->random_ctx) % ((uint64_t)span + 1));
    return base - r;
}

void backoff_reset(struct backoff *b)
{
    b->attempt = 0;
}
