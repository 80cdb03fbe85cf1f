package io.edgebus.transport.asb;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Azure Service Bus namespace (or a local AMQP 1.0 broker standing in for one). Keys starting
 * with an underscore map to private configuration keys ({@code .connectionString}), which DS keeps
 * out of the service properties: they carry secrets.
 */
@ObjectClassDefinition(
        name = "EdgeBus Azure Service Bus transport",
        description = "A connection to an Azure Service Bus namespace over AMQP 1.0, or to a local AMQP 1.0 "
                + "broker (Apache ActiveMQ Artemis). Each configuration registers one Transport service.")
public @interface AsbTransportConfig {

    @AttributeDefinition(name = "Name", description = "Endpoints select this transport with (transport.name=<name>).")
    String transport_name() default "asb";

    @AttributeDefinition(name = "Connection string", type = AttributeType.PASSWORD,
            description = "Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=..;SharedAccessKey=.. "
                    + "Leave empty to use a local broker (Broker URI).")
    String _connectionString() default "";

    @AttributeDefinition(name = "Broker URI", description = "amqp://host:port of a local AMQP 1.0 broker; "
            + "used only when no connection string is set.")
    String brokerUri() default "";

    @AttributeDefinition(name = "Broker user name", description = "For the local broker only.")
    String username() default "";

    @AttributeDefinition(name = "Broker password", type = AttributeType.PASSWORD, description = "For the local broker only.")
    String _password() default "";

    @AttributeDefinition(name = "Management URI", description = "Where the Service Bus management (ATOM) API is; "
            + "empty means https://<namespace>/ from the connection string.")
    String managementUri() default "";

    @AttributeDefinition(name = "Topic", description = "The one topic all events are published to "
            + "(bundle-1, as NServiceBus' Azure Service Bus transport names it).")
    String topic() default "bundle-1";

    @AttributeDefinition(name = "Delivery limit", description = "A message delivered more often than this goes to "
            + "the error queue with the reason instead of being processed again.")
    int maxDeliveryCount() default 10;

    @AttributeDefinition(name = "Prefetch per receiver", description = "Messages each concurrent receiver holds "
            + "locked ahead of processing.")
    int prefetch() default 4;

    @AttributeDefinition(name = "Publishing sessions per endpoint")
    int publisherSessions() default 4;

    @AttributeDefinition(name = "Confirm timeout (ms)",
            description = "How long a dispatch waits for a connection and for the broker to accept.")
    long confirmTimeoutMs() default 30_000;

    @AttributeDefinition(name = "Connect timeout (ms)")
    int connectTimeoutMs() default 10_000;

    @AttributeDefinition(name = "First reconnect delay (ms)")
    long recoveryInitialDelayMs() default 500;

    @AttributeDefinition(name = "Longest reconnect delay (ms)")
    long recoveryMaxDelayMs() default 30_000;

    @AttributeDefinition(name = "Largest message (bytes)", description = "256 KB on the Standard tier; "
            + "larger messages are refused before sending.")
    int maxMessageBytes() default 262_144;

    @AttributeDefinition(name = "Drain timeout on shutdown (ms)")
    long closeDrainTimeoutMs() default 10_000;
}
