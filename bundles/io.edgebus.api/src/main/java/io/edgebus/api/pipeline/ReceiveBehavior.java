package io.edgebus.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/** Runs around the whole processing of one incoming message (deserialize, invoke, dispatch). */
@ConsumerType
public interface ReceiveBehavior extends Behavior<ReceiveContext> {
}
