package io.edgebus.api.saga;

import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How messages reach a saga instance: the correlation function reads the value (an order id)
 * that identifies the instance.
 */
@ProviderType
public interface SagaMapping<D> {

    /** A message that creates the saga when no instance has its correlation value yet. */
    <M> SagaMapping<D> startedBy(Class<M> type, Function<M, String> correlation, SagaHandler<M, D> handler);

    /**
     * A message for an existing instance. When none exists (never started, or completed) the message
     * is logged and acknowledged, not failed.
     */
    <M> SagaMapping<D> handles(Class<M> type, Function<M, String> correlation, SagaHandler<M, D> handler);
}
