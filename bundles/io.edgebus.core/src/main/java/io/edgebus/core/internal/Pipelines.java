package io.edgebus.core.internal;

import io.edgebus.api.pipeline.DispatchContext;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.api.pipeline.ReceiveContext;
import io.edgebus.api.pipeline.RecoverabilityPolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The three stages behaviours can wrap, and the policies recoverability asks at each failure. */
final class Pipelines {
    final Pipeline<ReceiveContext> receive = new Pipeline<>();
    final Pipeline<InvokeContext> invoke = new Pipeline<>();
    final Pipeline<DispatchContext> dispatch = new Pipeline<>();
    /** Read per failure, changed rarely (bind/unbind): copy-on-write keeps reads lock-free. */
    final List<RecoverabilityPolicy> recoverability = new CopyOnWriteArrayList<>();
}
