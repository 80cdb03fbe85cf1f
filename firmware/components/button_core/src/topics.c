#include "button_core/topics.h"

#include <stdio.h>

#include "button_core/settings.h"

int button_topics_build(struct button_topics *t, const char *device_id)
{
    /* The id becomes a topic level: '/', '+', '#' or an empty id would change what we subscribe to. */
    if (!device_id_valid(device_id)) {
        return -1;
    }
    /* A valid id is at most 32 characters, so these always fit in TOPIC_MAX. */
    snprintf(t->press, sizeof t->press, "edgebus/button/%s/press", device_id);
    snprintf(t->status, sizeof t->status, "edgebus/button/%s/status", device_id);
    snprintf(t->update, sizeof t->update, "edgebus/button/%s/update", device_id);
    return 0;
}
