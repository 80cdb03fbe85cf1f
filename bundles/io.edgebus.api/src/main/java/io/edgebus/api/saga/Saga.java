package io.edgebus.api.saga;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A saga of one endpoint, registered as an OSGi service with the property
 * {@link io.edgebus.api.Bus#ENDPOINT_PROPERTY}. Its state {@code D} is a JSON-serializable record;
 * one instance exists per correlation value. While it is registered the endpoint handles (and
 * subscribes to) every message type it maps.
 */
@ConsumerType
public interface Saga<D> {

    /** The state type, serialized as JSON. */
    Class<D> dataType();

    /** Declares which messages start or continue the saga and how they find it. */
    void configure(SagaMapping<D> mapping);
}
