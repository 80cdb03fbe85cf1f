package io.edgebus.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/** Runs around each handler invocation. */
@ConsumerType
public interface InvokeBehavior extends Behavior<InvokeContext> {
}
