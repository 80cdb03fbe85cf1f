package io.edgebus.api;

/** What an endpoint shows to operators. A lost broker is {@link #RECONNECTING}, never a crash. */
public enum EndpointState {
    STARTING, RUNNING, RECONNECTING, STOPPING, STOPPED
}
