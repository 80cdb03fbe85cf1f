package io.edgebus.booth.controls.internal;

import io.edgebus.api.pipeline.Chain;
import io.edgebus.api.pipeline.InvokeBehavior;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.booth.controls.Control;
import io.edgebus.booth.controls.ControlState;

/** F22 {@code q}/{@code a}: each handler takes 0.1 s + n·0.1 s, like a slow database would. */
final class SlowProcessing implements InvokeBehavior {
    private final ControlState state;
    private final Sleeper sleeper;

    SlowProcessing(ControlState state, Sleeper sleeper) {
        this.state = state;
        this.sleeper = sleeper;
    }

    static long millis(int level) {
        return Math.round(Control.processingSeconds(level) * 1000);
    }

    @Override
    public void invoke(InvokeContext context, Chain next) throws Exception {
        sleeper.sleep(millis(state.current().processingTimeLevel()));
        next.proceed();
    }
}
