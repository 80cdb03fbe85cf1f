package io.edgebus.transport.rabbitmq;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One named connection profile to a RabbitMQ broker (a factory configuration per broker).
 * Method names map to configuration keys the DS way: {@code transport_name} is
 * {@code transport.name}, {@code _password} is the private {@code .password}, which DS keeps out of
 * the service properties.
 */
@ObjectClassDefinition(
        name = "EdgeBus RabbitMQ transport",
        description = "A connection to a RabbitMQ broker. Each configuration registers one Transport "
                + "service that endpoints select by its name.")
public @interface RabbitMqTransportConfig {

    @AttributeDefinition(name = "Name", description = "Endpoints select this transport with (transport.name=<name>).")
    String transport_name() default "default";

    @AttributeDefinition(name = "Host")
    String host() default "localhost";

    @AttributeDefinition(name = "Port", description = "5672 for AMQP, usually 5671 with TLS.")
    int port() default 5672;

    @AttributeDefinition(name = "Virtual host")
    String virtualHost() default "/";

    @AttributeDefinition(name = "User name", description = "RabbitMQ's built-in guest account only works from localhost.")
    String username() default "guest";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
    String _password() default "guest";

    @AttributeDefinition(name = "Use TLS", description = "Verifies the broker certificate and host name against the JVM trust store.")
    boolean useTls() default false;

    @AttributeDefinition(name = "Queue type", description = "Type of the queues this transport creates.",
            options = {@Option(label = "Quorum", value = "quorum"), @Option(label = "Classic", value = "classic")})
    String queueType() default "quorum";

    @AttributeDefinition(name = "Heartbeat (s)", description = "How soon a dead peer is noticed; 0 turns heartbeats off.")
    int heartbeatSeconds() default 30;

    @AttributeDefinition(name = "Connection timeout (ms)")
    int connectionTimeoutMs() default 10_000;

    @AttributeDefinition(name = "First reconnect delay (ms)")
    long recoveryInitialDelayMs() default 500;

    @AttributeDefinition(name = "Longest reconnect delay (ms)")
    long recoveryMaxDelayMs() default 30_000;

    @AttributeDefinition(name = "Connection name prefix",
            description = "Connections are named <prefix>/<endpoint>/<instance> on the broker.")
    String connectionNamePrefix() default "edgebus";

    @AttributeDefinition(name = "Confirm timeout (ms)",
            description = "How long a dispatch waits for a connection and for the broker's confirms.")
    long confirmTimeoutMs() default 30_000;

    @AttributeDefinition(name = "Publishing channels per endpoint")
    int publisherChannels() default 4;

    @AttributeDefinition(name = "Prefetch multiplier", description = "Prefetch = concurrency x this, unless a prefetch count is set.")
    int prefetchMultiplier() default 3;

    @AttributeDefinition(name = "Prefetch count", description = "Overrides the multiplier when above 0.")
    int prefetchCount() default 0;

    @AttributeDefinition(name = "Largest message (bytes)", description = "The broker's max_message_size; larger messages are refused before sending.")
    int maxMessageBytes() default 134_217_728;

    @AttributeDefinition(name = "Drain timeout on shutdown (ms)",
            description = "How long in-flight messages may finish when the transport is deactivated.")
    long closeDrainTimeoutMs() default 10_000;
}
