/*
 * Binds button_core to libmosquitto on a PC: the host twin of the ESP-IDF
 * layer (components/button_port). Wi-Fi is always there; MQTT is real.
 * Everything runs in the caller's thread: mosq_port_step() pumps the client
 * with mosquitto_loop() and feeds its callbacks back into the app.
 */
#ifndef HOST_MOSQ_PORT_H
#define HOST_MOSQ_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "button_core/button_app.h"

struct mosquitto;

struct mosq_port {
    struct mosquitto *mosq;
    struct button_app *app;
    char host[64];
    int port;
    bool connect_called;
    bool wifi_pending;
    bool connected;
    int updates_started;
    struct update_notice last_update;
};

/* Creates the client (clean session, given id). Returns 0 or -1. */
int mosq_port_init(struct mosq_port *p, const char *client_id, const char *host, int port);

/* The button_port to pass to button_app_init. */
struct button_port mosq_port_ops(struct mosq_port *p);

/* After button_app_init: routes callbacks to app and sets its last will. */
int mosq_port_attach(struct mosq_port *p, struct button_app *app);

/* Delivers pending events and runs the client for up to timeout_ms. */
void mosq_port_step(struct mosq_port *p, uint64_t now_ms, int timeout_ms);

void mosq_port_destroy(struct mosq_port *p);

/* Monotonic milliseconds, for now_ms. */
uint64_t host_now_ms(void);

#endif
