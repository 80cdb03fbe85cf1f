package io.edgebus.gateway.network.internal;

/** A fixed address for one MAC; mac is lower case, name may be empty. */
record StaticLease(String mac, String ip, String name) {
}
