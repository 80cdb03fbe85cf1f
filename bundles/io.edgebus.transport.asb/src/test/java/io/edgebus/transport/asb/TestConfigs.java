package io.edgebus.transport.asb;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a configuration the way DS does: the annotation's defaults, overridden by a map. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** {@code overrides} is keyed by method name ({@code brokerUri}, {@code _connectionString}, …). */
    static AsbTransportConfig config(Map<String, Object> overrides) {
        return (AsbTransportConfig) Proxy.newProxyInstance(AsbTransportConfig.class.getClassLoader(),
                new Class<?>[] {AsbTransportConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return AsbTransportConfig.class;
                    }
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    Object value = method.getDefaultValue();
                    if (value == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return value;
                });
    }

    static AsbSettings settings(Map<String, Object> overrides) {
        return AsbSettings.from(config(overrides));
    }
}
