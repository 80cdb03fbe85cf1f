package io.edgebus.api.saga;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles one message for a saga instance and returns its new state. Returning the state
 * unchanged writes nothing; {@link SagaContext#markAsComplete()} deletes the instance.
 */
@ConsumerType
@FunctionalInterface
public interface SagaHandler<M, D> {

    /**
     * @param data the stored state, or {@code null} when this message starts the saga
     * @return the new state (never null unless the saga is marked complete)
     */
    D handle(M message, D data, SagaContext context) throws Exception;
}
