/*
 * The outbound press buffer: presses made while the broker is out of reach
 * wait here, oldest first, and are sent in order once it is back.
 *
 * Its capacity is chosen by the caller (Kconfig EDGEBUS_PRESS_BUFFER_SIZE,
 * default 32). When it is full the OLDEST press is dropped and counted: a
 * visitor pressing now should see an order now, and the status topic reports
 * the loss. The buffer lives in RAM; a reset loses what it holds.
 */
#ifndef BUTTON_CORE_PRESS_QUEUE_H
#define BUTTON_CORE_PRESS_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct press_record {
    uint32_t seq;
    int64_t ts_ms;
};

struct press_queue {
    struct press_record *slots;
    size_t capacity;
    size_t head;
    size_t count;
    uint32_t dropped;
};

/* slots must hold capacity records (capacity >= 1) and outlive the queue. */
void press_queue_init(struct press_queue *q, struct press_record *slots, size_t capacity);

/* Returns true if the oldest record had to be dropped to make room. */
bool press_queue_push(struct press_queue *q, struct press_record r);

/* The oldest record, or NULL when empty. */
const struct press_record *press_queue_peek(const struct press_queue *q);

/* Removes the oldest record if it is seq (acks for already-dropped presses are ignored). */
bool press_queue_pop_seq(struct press_queue *q, uint32_t seq);

size_t press_queue_count(const struct press_queue *q);

#endif
