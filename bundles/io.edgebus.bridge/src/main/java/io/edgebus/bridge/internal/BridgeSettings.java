package io.edgebus.bridge.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated {@link BridgeConfig}; a bad value is refused naming its field. */
record BridgeSettings(String name, Side a, Side b, int concurrency, int maxMessageBytes, Duration dedupWindow,
                      int dedupCapacity, Path dedupDirectory, Duration hold, Duration reportInterval) {

    /** The endpoints living on one side (name to the event types it subscribes to) and its error queue. */
    record Side(String label, Map<String, List<String>> endpoints, String errorQueue) {
    }

    static BridgeSettings from(BridgeConfig c) {
        String name = require("bridge.name", c.bridge_name());
        Side a = new Side("A", endpoints("sideA.endpoints", c.sideA_endpoints()), require("sideA.errorQueue", c.sideA_errorQueue()));
        Side b = new Side("B", endpoints("sideB.endpoints", c.sideB_endpoints()), require("sideB.errorQueue", c.sideB_errorQueue()));
        for (String endpoint : a.endpoints().keySet()) {
            if (b.endpoints().containsKey(endpoint)) {
                throw new IllegalArgumentException("sideB.endpoints: " + endpoint + " is already on side A");
            }
        }
        check("sideA.endpoints", a.endpoints().containsKey(a.errorQueue()) || b.endpoints().containsKey(a.errorQueue()),
                "the bridge's error queue " + a.errorQueue() + " must not be an endpoint");
        check("sideB.endpoints", a.endpoints().containsKey(b.errorQueue()) || b.endpoints().containsKey(b.errorQueue()),
                "the bridge's error queue " + b.errorQueue() + " must not be an endpoint");
        check("concurrency", c.concurrency() < 1 || c.concurrency() > 1000, "must be 1..1000, was " + c.concurrency());
        check("maxMessageBytes", c.maxMessageBytes() < 1, "must be positive, was " + c.maxMessageBytes());
        check("dedupWindowSeconds", c.dedupWindowSeconds() < 0, "must not be negative, was " + c.dedupWindowSeconds());
        check("dedupCapacity", c.dedupCapacity() < 1, "must be positive, was " + c.dedupCapacity());
        check("holdSeconds", c.holdSeconds() < 0, "must not be negative, was " + c.holdSeconds());
        check("reportIntervalSeconds", c.reportIntervalSeconds() < 1, "must be positive, was " + c.reportIntervalSeconds());
        String dir = c.dedupDirectory() == null ? "" : c.dedupDirectory().trim();
        return new BridgeSettings(name, a, b, c.concurrency(), c.maxMessageBytes(),
                Duration.ofSeconds(c.dedupWindowSeconds()), c.dedupCapacity(), dir.isEmpty() ? null : Path.of(dir),
                Duration.ofSeconds(c.holdSeconds()), Duration.ofSeconds(c.reportIntervalSeconds()));
    }

    /** Whether only the endpoint lists differ, which a running bridge applies without a restart. */
    boolean sameExceptEndpoints(BridgeSettings o) {
        return name.equals(o.name) && a.errorQueue().equals(o.a.errorQueue()) && b.errorQueue().equals(o.b.errorQueue())
                && concurrency == o.concurrency && maxMessageBytes == o.maxMessageBytes && dedupWindow.equals(o.dedupWindow)
                && dedupCapacity == o.dedupCapacity && java.util.Objects.equals(dedupDirectory, o.dedupDirectory)
                && hold.equals(o.hold) && reportInterval.equals(o.reportInterval);
    }

    private static Map<String, List<String>> endpoints(String field, String[] entries) {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String name = (eq < 0 ? entry : entry.substring(0, eq)).trim();
            check(field, name.isEmpty(), "an entry has no endpoint name: '" + entry + "'");
            List<String> types = new ArrayList<>();
            if (eq >= 0) {
                Arrays.stream(entry.substring(eq + 1).split(",")).map(String::trim).filter(t -> !t.isEmpty())
                        .forEach(types::add);
            }
            check(field, endpoints.containsKey(name), name + " is listed twice");
            endpoints.put(name, List.copyOf(types));
        }
        return Map.copyOf(endpoints);
    }

    private static String require(String field, String value) {
        check(field, value == null || value.isBlank(), "must not be empty");
        return value.trim();
    }

    private static void check(String field, boolean bad, String why) {
        if (bad) {
            throw new IllegalArgumentException(field + ": " + why);
        }
    }
}
