package io.edgebus.api.saga;

import io.edgebus.api.MessageContext;
import org.osgi.annotation.versioning.ProviderType;

/** A handler's context inside a saga: messages sent through it carry the saga's id and type. */
@ProviderType
public interface SagaContext extends MessageContext {

    /** The instance's id, stable for its life. */
    String sagaId();

    /** Deletes the instance after this message; later messages for it are logged, not failed. */
    void markAsComplete();
}
