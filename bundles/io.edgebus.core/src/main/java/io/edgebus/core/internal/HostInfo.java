package io.edgebus.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Who is sending: the machine, and an instance id derived from endpoint and instance name so that
 * a restarted instance keeps its identity in monitoring.
 */
record HostInfo(String endpointName, String instanceId, String machine, String hostId, String displayName) {

    static HostInfo of(String endpointName, String instanceId) {
        String hostId = UUID.nameUUIDFromBytes(
                (endpointName + "/" + instanceId).getBytes(StandardCharsets.UTF_8)).toString();
        String display = endpointName.toLowerCase(Locale.ROOT) + "-" + instanceId;
        return new HostInfo(endpointName, instanceId, machineName(), hostId, display);
    }

    private static String machineName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
