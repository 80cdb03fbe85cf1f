package io.edgebus.transport.asb;

import java.net.URI;
import java.time.Duration;

/**
 * The validated configuration of one transport. Validation names the configuration key, so a typo
 * in a factory configuration is reported where the operator can find it. Either {@code serviceBus}
 * is set (Azure) or {@code brokerUri} (a local AMQP 1.0 broker).
 */
record AsbSettings(
        String name,
        ConnectionString serviceBus,
        URI brokerUri,
        String username,
        String password,
        URI managementUri,
        String topic,
        int maxDeliveryCount,
        int prefetch,
        int publisherSessions,
        Duration confirmTimeout,
        Duration connectTimeout,
        Duration recoveryInitialDelay,
        Duration recoveryMaxDelay,
        int maxMessageBytes,
        Duration closeDrainTimeout) {

    /** Service Bus closes links idle for 10 minutes and wants heartbeats well within that. */
    private static final int SERVICE_BUS_IDLE_TIMEOUT_MS = 120_000;

    static AsbSettings from(AsbTransportConfig c) {
        requireText("transport.name", c.transport_name());
        String connectionString = c._connectionString() == null ? "" : c._connectionString().trim();
        String brokerUri = c.brokerUri() == null ? "" : c.brokerUri().trim();
        ConnectionString serviceBus = null;
        URI broker = null;
        URI management = null;
        if (!connectionString.isEmpty()) {
            serviceBus = ConnectionString.parse(connectionString);
            management = c.managementUri() == null || c.managementUri().isBlank()
                    ? URI.create("https://" + serviceBus.host() + "/") : uri("managementUri", c.managementUri());
        } else if (!brokerUri.isEmpty()) {
            broker = uri("brokerUri", brokerUri);
            if (!"amqp".equalsIgnoreCase(broker.getScheme()) && !"amqps".equalsIgnoreCase(broker.getScheme())
                    || broker.getHost() == null || broker.getPort() < 1) {
                throw invalid("brokerUri", "must look like amqp://host:port (was " + brokerUri + ")");
            }
        } else {
            throw invalid(".connectionString", "or brokerUri must be set");
        }
        requireText("topic", c.topic());
        requireRange("maxDeliveryCount", c.maxDeliveryCount(), 1, 1_000);
        requireRange("prefetch", c.prefetch(), 0, 10_000);
        requireRange("publisherSessions", c.publisherSessions(), 1, 64);
        requireRange("confirmTimeoutMs", c.confirmTimeoutMs(), 1, Long.MAX_VALUE);
        requireRange("connectTimeoutMs", c.connectTimeoutMs(), 1, Integer.MAX_VALUE);
        requireRange("recoveryInitialDelayMs", c.recoveryInitialDelayMs(), 1, Long.MAX_VALUE);
        requireRange("recoveryMaxDelayMs", c.recoveryMaxDelayMs(), c.recoveryInitialDelayMs(), Long.MAX_VALUE);
        requireRange("maxMessageBytes", c.maxMessageBytes(), 1, Integer.MAX_VALUE);
        requireRange("closeDrainTimeoutMs", c.closeDrainTimeoutMs(), 0, Long.MAX_VALUE);
        return new AsbSettings(c.transport_name().trim(), serviceBus, broker, blankToNull(c.username()),
                blankToNull(c._password()), management, c.topic().trim(), c.maxDeliveryCount(), c.prefetch(),
                c.publisherSessions(), Duration.ofMillis(c.confirmTimeoutMs()), Duration.ofMillis(c.connectTimeoutMs()),
                Duration.ofMillis(c.recoveryInitialDelayMs()), Duration.ofMillis(c.recoveryMaxDelayMs()),
                c.maxMessageBytes(), Duration.ofMillis(c.closeDrainTimeoutMs()));
    }

    boolean isServiceBus() {
        return serviceBus != null;
    }

    /**
     * The Qpid JMS connection URI. Property names with dots (NServiceBus.MessageId) are not JMS
     * identifiers: the client must not refuse them, Service Bus and Artemis take them as they are.
     */
    String connectionUri() {
        String base = isServiceBus() ? "amqps://" + serviceBus.host() + ":5671" : brokerUri.getScheme() + "://"
                + brokerUri.getHost() + ":" + brokerUri.getPort();
        StringBuilder uri = new StringBuilder(base).append("?jms.validatePropertyNames=false")
                .append("&jms.prefetchPolicy.all=").append(prefetch)
                .append("&jms.connectTimeout=").append(connectTimeout.toMillis())
                .append("&jms.closeTimeout=5000");
        if (isServiceBus()) {
            uri.append("&amqp.idleTimeout=").append(SERVICE_BUS_IDLE_TIMEOUT_MS);
        }
        return uri.toString();
    }

    /** The SASL PLAIN user: the SAS key name on Service Bus. */
    String user() {
        return isServiceBus() ? serviceBus.keyName() : username;
    }

    /** The SASL PLAIN password: the SAS key on Service Bus. */
    String secret() {
        return isServiceBus() ? serviceBus.key() : password;
    }

    /** Where connections go, for log lines (no credentials). */
    String broker() {
        return isServiceBus() ? "amqps://" + serviceBus.host() : brokerUri.toString();
    }

    /** Records print every component; this one must never print the key or the password. */
    @Override
    public String toString() {
        return "AsbSettings[name=" + name + ", broker=" + broker() + ", user=" + user()
                + (isServiceBus() ? ", management=" + managementUri : "") + ", topic=" + topic
                + ", maxDeliveryCount=" + maxDeliveryCount + ", prefetch=" + prefetch
                + ", recovery=" + recoveryInitialDelay + ".." + recoveryMaxDelay + ", confirmTimeout=" + confirmTimeout
                + "]";
    }

    private static URI uri(String key, String value) {
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(key, "is not a URI (was " + value + ")");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
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

    static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("Azure Service Bus transport configuration '" + key + "' " + problem);
    }
}
