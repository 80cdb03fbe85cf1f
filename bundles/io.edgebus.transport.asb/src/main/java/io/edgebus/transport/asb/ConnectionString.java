package io.edgebus.transport.asb;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Service Bus SAS connection string: {@code Endpoint=sb://ns.servicebus.windows.net/;
 * SharedAccessKeyName=..;SharedAccessKey=..}. The key is a secret: {@link #toString} leaves it out.
 */
record ConnectionString(String host, String keyName, String key) {

    static ConnectionString parse(String text) {
        Map<String, String> parts = new HashMap<>();
        for (String part : text.trim().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw invalid("has a part without '=' (expected Name=value;…)");
            }
            parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        String endpoint = require(parts, "endpoint", "Endpoint");
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw invalid("Endpoint is not a URI");
        }
        if (!"sb".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw invalid("Endpoint must look like sb://<namespace>.servicebus.windows.net/");
        }
        if (parts.containsKey("entitypath")) {
            throw invalid("EntityPath is set: use a namespace-level connection string, not one for a single entity");
        }
        return new ConnectionString(uri.getHost(), require(parts, "sharedaccesskeyname", "SharedAccessKeyName"),
                require(parts, "sharedaccesskey", "SharedAccessKey"));
    }

    private static String require(Map<String, String> parts, String key, String name) {
        String value = parts.get(key);
        if (value == null || value.isEmpty()) {
            throw invalid("lacks " + name);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String problem) {
        // Never echo the text: it holds the key.
        return AsbSettings.invalid(".connectionString", problem);
    }

    @Override
    public String toString() {
        return "ConnectionString[host=" + host + ", keyName=" + keyName + "]";
    }
}
