package io.edgebus.persistence.postgres;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "EdgeBus PostgreSQL persistence",
        description = "Sagas, inbox and outbox in one PostgreSQL database; one per factory configuration.")
public @interface PostgresConfig {

    @AttributeDefinition(name = "Name",
            description = "Service property persistence.name; endpoints select it with persistence.target.")
    String persistence_name() default "default";

    @AttributeDefinition(name = "JDBC URL", description = "e.g. jdbc:postgresql://localhost:5432/edgebus")
    String jdbcUrl() default "jdbc:postgresql://localhost:5432/edgebus";

    @AttributeDefinition(name = "User name")
    String username() default "edgebus";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Private: neither a service property nor logged.")
    String _password() default "";

    @AttributeDefinition(name = "Schema", description = "Created and migrated at activation.")
    String schema() default "edgebus";

    @AttributeDefinition(name = "Pool size", description = "Connections at most, including cleanup's.")
    int poolSize() default 4;

    @AttributeDefinition(name = "Connection wait (seconds)",
            description = "How long a transaction waits for a free connection before it fails.")
    int connectionTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Inbox/outbox retention (hours)",
            description = "Dispatched records (processed message ids) are kept this long: the dedup window.")
    long outboxRetentionHours() default 168;

    @AttributeDefinition(name = "Error retry window (hours)",
            description = "How long a failed message may wait in the error queue before it is retried; "
                    + "the retention may never be shorter, or a retried duplicate would run twice.")
    long errorRetryWindowHours() default 168;

    @AttributeDefinition(name = "Cleanup interval (seconds)")
    int cleanupIntervalSeconds() default 300;

    @AttributeDefinition(name = "Cleanup batch size", description = "Rows deleted per short transaction.")
    int cleanupBatchSize() default 500;
}
