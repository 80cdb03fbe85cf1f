package io.edgebus.gateway.network.api;

/** One lease; expiresEpochSecond is 0 for an infinite lease, hostname empty when unknown. */
public record DhcpLease(long expiresEpochSecond, String mac, String ip, String hostname) {
}
