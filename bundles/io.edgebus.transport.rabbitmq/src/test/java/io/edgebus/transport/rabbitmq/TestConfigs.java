package io.edgebus.transport.rabbitmq;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a configuration the way DS does: the annotation's defaults, overridden by a map. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** {@code overrides} is keyed by method name ({@code port}, {@code _password}, …). */
    static RabbitMqTransportConfig config(Map<String, Object> overrides) {
        return (RabbitMqTransportConfig) Proxy.newProxyInstance(RabbitMqTransportConfig.class.getClassLoader(),
                new Class<?>[] {RabbitMqTransportConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return RabbitMqTransportConfig.class;
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

    static TransportSettings settings(Map<String, Object> overrides) {
        return TransportSettings.from(config(overrides));
    }
}
