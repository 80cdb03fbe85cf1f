package io.edgebus.transport.rabbitmq;

import io.edgebus.api.transport.EndpointAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * The validated configuration of one transport. Validation names the configuration key, so a
 * typo in a factory configuration is reported where the operator can find it.
 */
record TransportSettings(
        String name,
        String host,
        int port,
        String virtualHost,
        String username,
        String password,
        boolean useTls,
        QueueType queueType,
        Duration heartbeat,
        Duration connectionTimeout,
        Duration recoveryInitialDelay,
        Duration recoveryMaxDelay,
        String connectionNamePrefix,
        Duration confirmTimeout,
        int publisherChannels,
        int prefetchMultiplier,
        int prefetchCount,
        int maxMessageBytes,
        Duration closeDrainTimeout) {

    /** AMQP's prefetch count is an unsigned short. */
    static final int MAX_PREFETCH = 65_535;

    /** The queue types this transport creates. */
    enum QueueType {
        QUORUM, CLASSIC;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static TransportSettings from(RabbitMqTransportConfig c) {
        requireText("transport.name", c.transport_name());
        requireText("host", c.host());
        requireRange("port", c.port(), 1, 65_535);
        requireText("virtualHost", c.virtualHost());
        requireText("username", c.username());
        if (c._password() == null) {
            throw invalid(".password", "must be set");
        }
        QueueType queueType = parseQueueType(c.queueType());
        requireRange("heartbeatSeconds", c.heartbeatSeconds(), 0, 65_535);
        requireRange("connectionTimeoutMs", c.connectionTimeoutMs(), 1, Integer.MAX_VALUE);
        requireRange("recoveryInitialDelayMs", c.recoveryInitialDelayMs(), 1, Long.MAX_VALUE);
        requireRange("recoveryMaxDelayMs", c.recoveryMaxDelayMs(), c.recoveryInitialDelayMs(), Long.MAX_VALUE);
        requireText("connectionNamePrefix", c.connectionNamePrefix());
        requireRange("confirmTimeoutMs", c.confirmTimeoutMs(), 1, Long.MAX_VALUE);
        requireRange("publisherChannels", c.publisherChannels(), 1, 64);
        requireRange("prefetchMultiplier", c.prefetchMultiplier(), 1, MAX_PREFETCH);
        requireRange("prefetchCount", c.prefetchCount(), 0, MAX_PREFETCH);
        requireRange("maxMessageBytes", c.maxMessageBytes(), 1, Integer.MAX_VALUE);
        requireRange("closeDrainTimeoutMs", c.closeDrainTimeoutMs(), 0, Long.MAX_VALUE);
        return new TransportSettings(c.transport_name().trim(), c.host().trim(), c.port(), c.virtualHost(),
                c.username(), c._password(), c.useTls(), queueType,
                Duration.ofSeconds(c.heartbeatSeconds()), Duration.ofMillis(c.connectionTimeoutMs()),
                Duration.ofMillis(c.recoveryInitialDelayMs()), Duration.ofMillis(c.recoveryMaxDelayMs()),
                c.connectionNamePrefix().trim(), Duration.ofMillis(c.confirmTimeoutMs()), c.publisherChannels(),
                c.prefetchMultiplier(), c.prefetchCount(), c.maxMessageBytes(),
                Duration.ofMillis(c.closeDrainTimeoutMs()));
    }

    /** The prefetch for a receiver running {@code concurrency} messages at once. */
    int prefetchFor(int concurrency) {
        if (prefetchCount > 0) {
            return prefetchCount;
        }
        return (int) Math.min(MAX_PREFETCH, (long) concurrency * prefetchMultiplier);
    }

    /** The client-provided connection name, so operators see which endpoint a connection is. */
    String connectionName(EndpointAddress endpoint) {
        return connectionNamePrefix + "/" + endpoint.endpointName() + "/" + endpoint.instanceId();
    }

    /** host:port/vhost, for log lines. */
    String broker() {
        return host + ":" + port + virtualHost;
    }

    /** Records print every component; this one must never print the password. */
    @Override
    public String toString() {
        return "TransportSettings[name=" + name + ", broker=" + (useTls ? "amqps://" : "amqp://") + username + "@"
                + host + ":" + port + virtualHost + ", queueType=" + queueType.wireName()
                + ", heartbeat=" + heartbeat + ", recovery=" + recoveryInitialDelay + ".." + recoveryMaxDelay
                + ", confirmTimeout=" + confirmTimeout + ", publisherChannels=" + publisherChannels + "]";
    }

    private static QueueType parseQueueType(String value) {
        if (value != null) {
            for (QueueType type : QueueType.values()) {
                if (type.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
        }
        throw invalid("queueType", "must be quorum or classic (was " + value + ")");
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(key, "must not be empty");
        }
    }

    private static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
            throw invalid(key, "must be " + range + " (was " + value + ")");
        }
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("RabbitMQ transport configuration '" + key + "' " + problem);
    }
}
