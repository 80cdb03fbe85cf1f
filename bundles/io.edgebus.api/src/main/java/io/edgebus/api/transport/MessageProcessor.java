package io.edgebus.api.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Core's side of the receive loop. Called on transport threads, at most the configured number
 * at once. Throwing is treated as {@link ProcessResult#HAND_BACK}.
 */
@ConsumerType
public interface MessageProcessor {
    ProcessResult process(IncomingMessage message);
}
