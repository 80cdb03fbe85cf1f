package io.edgebus.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Command routes from configuration: {@code type=Endpoint} for one type (Java or wire name), or
 * {@code package.*=Endpoint} for every type in a package and its sub packages.
 */
final class Router {
    private final Map<String, String> exact = new HashMap<>();
    private final Map<String, String> prefixes = new HashMap<>();

    Router(String[] routes) {
        for (String route : routes == null ? new String[0] : routes) {
            if (route == null || route.isBlank()) {
                continue;
            }
            int eq = route.indexOf('=');
            String type = eq > 0 ? route.substring(0, eq).trim() : "";
            String destination = eq > 0 ? route.substring(eq + 1).trim() : "";
            if (type.isEmpty() || destination.isEmpty() || !destination.matches(EndpointSettings.NAME_PATTERN)) {
                throw new IllegalArgumentException("routes: '" + route
                        + "' is not of the form 'com.example.Type=Endpoint' or 'com.example.*=Endpoint'");
            }
            if (type.endsWith(".*")) {
                prefixes.put(type.substring(0, type.length() - 1), destination);
            } else {
                exact.put(type, destination);
            }
        }
    }

    Optional<String> destinationFor(Class<?> type) {
        String byName = exact.getOrDefault(type.getName(), exact.get(MessageTypes.wireName(type)));
        if (byName != null) {
            return Optional.of(byName);
        }
        String best = null;
        String bestPrefix = "";
        for (Map.Entry<String, String> e : prefixes.entrySet()) {
            if (type.getName().startsWith(e.getKey()) && e.getKey().length() > bestPrefix.length()) {
                best = e.getValue();
                bestPrefix = e.getKey();
            }
        }
        return Optional.ofNullable(best);
    }
}
