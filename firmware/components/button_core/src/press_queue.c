#include "button_core/press_queue.h"

void press_queue_init(struct press_queue *q, struct press_record *slots, size_t capacity)
{
    q->slots = slots;
    q->capacity = capacity;
    q->head = 0;
    q->count = 0;
    q->dropped = 0;
}

bool press_queue_push(struct press_queue *q, struct press_record r)
{
    bool dropped = false;
    if (q->count == q->capacity) {
        q->head = (q->head + 1) % q->capacity;
        q->count--;
        q->dropped++;
        dropped = true;
    }
    q->slots[(q->head + q->count) % q->capacity] = r;
    q->count++;
    return dropped;
}

const struct press_record *press_queue_peek(const struct press_queue *q)
{
    return q->count == 0 ? NULL : &q->slots[q->head];
}

bool press_queue_pop_seq(struct press_queue *q, uint32_t seq)
{
    if (q->count == 0 || q->slots[q->head].seq != seq) {
        return false;
    }
    q->head = (q->head + 1) % q->capacity;
    q->count--;
    return true;
}

size_t press_queue_count(const struct press_queue *q)
{
    return q->count;
}
