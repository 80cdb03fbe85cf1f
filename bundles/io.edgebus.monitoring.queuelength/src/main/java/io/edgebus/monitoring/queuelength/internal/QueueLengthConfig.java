package io.edgebus.monitoring.queuelength.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One RabbitMQ virtual host whose queue lengths are forwarded. No address, user or password has a
 * default: the configuration names them. {@code _password} maps to the private key {@code .password},
 * which DS keeps out of service properties.
 */
@ObjectClassDefinition(
        name = "EdgeBus queue-length forwarder",
        description = "Polls the RabbitMQ management HTTP API for queue lengths and sends them as one report per "
                + "poll to the monitoring queue through the selected transport (F13).")
public @interface QueueLengthConfig {

    @AttributeDefinition(name = "Management URL",
            description = "Base URL of the RabbitMQ management HTTP API, e.g. http://localhost:15672/ (no user info).")
    String managementUrl() default "";

    @AttributeDefinition(name = "Virtual host")
    String vhost() default "/";

    @AttributeDefinition(name = "User name", description = "A RabbitMQ user with the monitoring (or management) tag.")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(name = "Queues", required = false,
            description = "Queue names to report; each is reported, or listed as missing when it does not exist.")
    String[] queues() default {};

    @AttributeDefinition(name = "Queue pattern", required = false,
            description = "A Java regular expression; every queue of the virtual host whose whole name matches is "
                    + "reported too. Queues or a pattern (or both) must be given.")
    String queuePattern() default "";

    @AttributeDefinition(name = "Interval (s)", description = "Time between two polls.")
    int intervalSeconds() default 5;

    @AttributeDefinition(name = "Request timeout (ms)",
            description = "How long one poll waits for the management API; at most the interval.")
    int requestTimeoutMs() default 4_000;

    @AttributeDefinition(name = "Monitoring queue", description = "Where the reports go, on the selected transport.")
    String monitoringQueue() default "Particular.Monitoring";

    @AttributeDefinition(name = "Transport filter",
            description = "The transport the reports are sent through (the Azure Service Bus side on the gateway).")
    String transport_target() default "(transport.name=asb)";

    @AttributeDefinition(name = "Reporter name",
            description = "The sender's name in the reports and in NServiceBus.OriginatingEndpoint.")
    String reporter() default "QueueLengthForwarder";
}
