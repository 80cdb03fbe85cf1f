package io.edgebus.api.persistence;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A store for sagas, the inbox and the outbox that share one local transaction, registered as an
 * OSGi service with the property {@value #NAME_PROPERTY}.
 */
@ConsumerType
public interface Persistence {
    String NAME_PROPERTY = "persistence.name";

    /** Begins a transaction for work done on behalf of {@code endpoint}. */
    StorageSession open(String endpoint);

    OutboxStorage outbox();

    SagaStorage sagas();
}
