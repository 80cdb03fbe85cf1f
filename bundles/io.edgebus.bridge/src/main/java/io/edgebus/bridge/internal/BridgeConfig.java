package io.edgebus.bridge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One bridge between two transports. An endpoint entry is {@code Name} or
 * {@code Name=event.Type,other.Type}: the endpoint lives on that side and subscribes to those events,
 * so its proxy on the other side subscribes to them there.
 */
@ObjectClassDefinition(
        name = "EdgeBus messaging bridge",
        description = "Forwards messages between two transports (RabbitMQ and Azure Service Bus): each endpoint "
                + "living on one side gets a proxy endpoint of the same name on the other side.")
public @interface BridgeConfig {

    @AttributeDefinition(name = "Name", description = "Names the bridge in logs and its metrics service.")
    String bridge_name() default "bridge";

    @AttributeDefinition(name = "Side A transport", description = "Filter selecting side A's Transport service.")
    String transportA_target() default "(transport.name=rabbitmq)";

    @AttributeDefinition(name = "Side B transport", description = "Filter selecting side B's Transport service.")
    String transportB_target() default "(transport.name=asb)";

    @AttributeDefinition(name = "Endpoints on side A", required = false,
            description = "Name or Name=event.Type,other.Type (the events it subscribes to).")
    String[] sideA_endpoints() default {};

    @AttributeDefinition(name = "Endpoints on side B", required = false,
            description = "Name or Name=event.Type,other.Type (the events it subscribes to).")
    String[] sideB_endpoints() default {};

    @AttributeDefinition(name = "Side A error queue",
            description = "Where a message from side A that cannot be forwarded goes, with the reason.")
    String sideA_errorQueue() default "bridge.error";

    @AttributeDefinition(name = "Side B error queue",
            description = "Where a message from side B that cannot be forwarded goes, with the reason.")
    String sideB_errorQueue() default "bridge.error";

    @AttributeDefinition(name = "Concurrency per proxy", description = "Forwards in flight per proxy endpoint.")
    int concurrency() default 16;

    @AttributeDefinition(name = "Largest message (bytes)", description = "Used when the target transport "
            + "does not state its limit (body plus headers).")
    int maxMessageBytes() default 262_144;

    @AttributeDefinition(name = "Deduplication window (s)", description = "A message id forwarded to the same "
            + "endpoint again within this time is acknowledged and not forwarded.")
    int dedupWindowSeconds() default 600;

    @AttributeDefinition(name = "Deduplication capacity", description = "Most message ids remembered per direction.")
    int dedupCapacity() default 200_000;

    @AttributeDefinition(name = "Deduplication directory", required = false, description = "Where the remembered "
            + "ids are appended so a restarted bridge still knows them; empty keeps them in memory only.")
    String dedupDirectory() default "";

    @AttributeDefinition(name = "Hold while the target is away (s)", description = "How long a forward is retried "
            + "while the target is unreachable before the message is handed back to the source queue.")
    int holdSeconds() default 300;

    @AttributeDefinition(name = "Report interval (s)", description = "How often the metrics are logged.")
    int reportIntervalSeconds() default 30;
}
