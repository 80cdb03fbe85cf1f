/* MQTT topic names (contract: docs/button-mqtt.md). */
#ifndef BUTTON_CORE_TOPICS_H
#define BUTTON_CORE_TOPICS_H

#define TOPIC_MAX 64

/* Update notices for every button; per-device notices use edgebus/button/<device>/update. */
#define TOPIC_UPDATE_ALL "edgebus/button/update"

struct button_topics {
    char press[TOPIC_MAX];  /* edgebus/button/<device>/press */
    char status[TOPIC_MAX]; /* edgebus/button/<device>/status (retained, also the last will) */
    char update[TOPIC_MAX]; /* edgebus/button/<device>/update */
};

/* Returns 0, or -1 if the device id is not valid (see device_id_valid). */
int button_topics_build(struct button_topics *t, const char *device_id);

#endif
