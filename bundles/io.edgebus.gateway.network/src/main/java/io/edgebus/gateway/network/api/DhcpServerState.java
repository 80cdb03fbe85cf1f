package io.edgebus.gateway.network.api;

/** Whether the DHCP server process is alive; pid is 0 when not running. */
public record DhcpServerState(boolean running, long pid) {
}
