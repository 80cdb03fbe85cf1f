package io.edgebus.core.internal;

import io.edgebus.api.pipeline.DispatchContext;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.api.pipeline.ReceiveContext;

/** The three stages behaviours can wrap. */
final class Pipelines {
    final Pipeline<ReceiveContext> receive = new Pipeline<>();
    final Pipeline<InvokeContext> invoke = new Pipeline<>();
    final Pipeline<DispatchContext> dispatch = new Pipeline<>();
}
