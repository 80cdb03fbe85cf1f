package io.edgebus.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/** Runs around handing outgoing messages to the transport. */
@ConsumerType
public interface DispatchBehavior extends Behavior<DispatchContext> {
}
