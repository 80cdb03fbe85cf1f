package io.edgebus.booth.controls.internal;

import io.edgebus.api.pipeline.Chain;
import io.edgebus.api.pipeline.InvokeBehavior;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.booth.controls.ControlState;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.SimulatedDatabaseException;
import java.util.Random;

/**
 * F22 {@code w}/{@code s} and {@code i}: handlers fail as if the database failed, with probability
 * n·10 %, or every time while the database is down. Fails before the handler runs, as a failed
 * database call would, so nothing the handler sends escapes.
 */
final class FailureInjection implements InvokeBehavior {
    private final ControlState state;
    private final Random random;

    FailureInjection(ControlState state, Random random) {
        this.state = state;
        this.random = random;
    }

    @Override
    public void invoke(InvokeContext context, Chain next) throws Exception {
        check(state.current());
        next.proceed();
    }

    void check(ControlValues values) {
        if (values.databaseDown()) {
            throw new SimulatedDatabaseException("database is down (simulated, toggle i)");
        }
        int level = values.failureRateLevel();
        boolean fail;
        synchronized (random) {
            fail = level > 0 && random.nextInt(10) < level;
        }
        if (fail) {
            throw new SimulatedDatabaseException("simulated database failure (rate " + level * 10 + " %)");
        }
    }
}
