package io.edgebus.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step around one stage of message processing. Call {@code next.proceed()} to run the rest of
 * the pipeline (or don't, to stop it); throw to fail the message.
 *
 * <p>Register an implementation of {@link ReceiveBehavior}, {@link InvokeBehavior} or
 * {@link DispatchBehavior} as an OSGi service. A higher {@code service.ranking} runs further
 * out; the property {@link io.edgebus.api.Bus#ENDPOINT_PROPERTY} limits it to one endpoint.
 * Behaviours run concurrently for different messages and must be thread-safe.
 */
@ConsumerType
public interface Behavior<C> {
    void invoke(C context, Chain next) throws Exception;
}
