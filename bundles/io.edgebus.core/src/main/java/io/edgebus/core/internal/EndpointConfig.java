package io.edgebus.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "EdgeBus endpoint",
        description = "A messaging endpoint: an input queue, its instances and the handlers bundles register for it.")
@interface EndpointConfig {

    @AttributeDefinition(name = "Endpoint name", description = "Logical name, e.g. Sales. Handlers register with edgebus.endpoint=<this name>.")
    String edgebus_endpoint();

    @AttributeDefinition(name = "Instance", description = "Instance name of this runtime, e.g. 1, 2, 3 (display name sales-2).")
    String instance() default "1";

    @AttributeDefinition(name = "Input queue", description = "Empty: the endpoint name.", required = false)
    String queue() default "";

    @AttributeDefinition(name = "Transport filter", description = "Which configured transport to use.")
    String transport_target() default "(transport.name=default)";

    @AttributeDefinition(name = "Persistence filter",
            description = "Which configured persistence stores this endpoint's sagas (and, later, its outbox).")
    String persistence_target() default "(persistence.name=default)";

    @AttributeDefinition(name = "Outbox", description = "Handlers' state changes, the processed message id and the "
            + "messages they send are stored in one transaction of the persistence; sends are dispatched after commit "
            + "and a resent duplicate has no second effect. Needs a persistence.")
    boolean outbox() default false;

    @AttributeDefinition(name = "Outbox recovery (s)", description = "With the outbox: how often, and after how long, "
            + "records committed but never dispatched (the process died in between and the message did not come back) "
            + "are dispatched. 0: never.", min = "0", max = "86400")
    int outboxRecoverySeconds() default 60;

    @AttributeDefinition(name = "Concurrency", description = "Most messages handled at once by this instance.", min = "1", max = "1000")
    int concurrency() default 1;

    @AttributeDefinition(name = "Routes", description = "Command routes: com.example.Type=Endpoint or com.example.*=Endpoint.", required = false)
    String[] routes() default {};

    @AttributeDefinition(name = "Error queue")
    String errorQueue() default "error";

    @AttributeDefinition(name = "Immediate retries", description = "In-process retries of a failed message before it goes on.", min = "0", max = "100")
    int immediateRetries() default 5;

    @AttributeDefinition(name = "Delayed retries", description = "After the immediate retries, how often the message "
            + "is sent back to the input queue with a delay (the broker holds it) before it goes to the error queue. "
            + "0 turns them off; a RecoverabilityPolicy service can turn them off at run time.", min = "0", max = "100")
    int delayedRetries() default 3;

    @AttributeDefinition(name = "Delayed retry increment (s)",
            description = "The n-th delayed retry waits n times this: 10 gives 10 s, 20 s, 30 s.", min = "1")
    int delayedRetryIncrementSeconds() default 10;

    @AttributeDefinition(name = "Auto rate limiting after (failures)", description = "After this many failed attempts "
            + "in a row the endpoint handles one message at a time until one succeeds, then returns to its "
            + "concurrency. 0 turns it off; a RecoverabilityPolicy service can turn it off at run time.",
            min = "0", max = "1000000")
    int autoRateLimitFailures() default 5;

    @AttributeDefinition(name = "Drain timeout (s)", description = "On stop or update, how long running messages may finish before they are handed back.", min = "0")
    int drainTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Missing handler grace (s)",
            description = "A message whose handler went away less than this ago is handed back to wait for it (bundle update), not failed.", min = "0")
    int missingHandlerGraceSeconds() default 60;
    // Opt-in, as in NServiceBus: a copy of every message is a second persistent publish per message
    // (the broker's cost roughly doubles); the booth profiles turn it on.
    @AttributeDefinition(name = "Audit queue", description = "Every successfully processed message is copied here with "
            + "NServiceBus.ProcessingStarted/Ended/Endpoint/Machine, e.g. audit. Empty: no audit.", required = false)
    String auditQueue() default "";

    @AttributeDefinition(name = "Saga audit queue", description = "Each saga change (created, updated, completed) is "
            + "reported here as a SagaUpdatedMessage, e.g. Particular.ServiceControl. Empty: off.", required = false)
    String sagaAuditQueue() default "";

    @AttributeDefinition(name = "ServiceControl queue",
            description = "Where the start-up announcement and heartbeats go. Empty: off.", required = false)
    String serviceControlQueue() default "Particular.ServiceControl";

    @AttributeDefinition(name = "Heartbeat interval (s)", description = "0: no heartbeats.", min = "0", max = "3600")
    int heartbeatIntervalSeconds() default 10;

    @AttributeDefinition(name = "Monitoring queue", description = "Where the metrics reports go. Empty: off.",
            required = false)
    String monitoringQueue() default "Particular.Monitoring";

    @AttributeDefinition(name = "Metrics interval (s)", description = "How often a metrics report is sent; 0: never.",
            min = "0", max = "3600")
    int metricsIntervalSeconds() default 5;

    @AttributeDefinition(name = "Receive stall alarm (s)", description = "Warn (log, metrics) when the endpoint is "
            + "connected and messages wait in its queue but it received none for this long: a handler stuck on "
            + "every thread, or a consumer the broker dropped. 0: off.", min = "0", max = "86400")
    int stallAlarmSeconds() default 60;
}
