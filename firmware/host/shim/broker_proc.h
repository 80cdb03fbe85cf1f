/*
 * A private Mosquitto for the integration test: its own temp directory,
 * config and free loopback port, never the system broker on 1883. It keeps
 * persistence on, so a subscriber's session survives a kill -9 and restart.
 */
#ifndef HOST_BROKER_PROC_H
#define HOST_BROKER_PROC_H

#include <sys/types.h>

struct broker_proc {
    pid_t pid;
    int port;
    char dir[64];
};

/* Starts a fresh broker (new dir, free port); waits until it accepts connections. */
int broker_start(struct broker_proc *b);

/* kill -9, as a crash or power cut would. */
int broker_kill(struct broker_proc *b);

/* Starts the broker again on the same port and directory. */
int broker_restart(struct broker_proc *b);

/* Kills the broker if running and removes its directory. */
void broker_cleanup(struct broker_proc *b);

#endif
