package io.edgebus.booth.controls.internal;

import io.edgebus.api.pipeline.RecoverabilityPolicy;
import io.edgebus.booth.controls.ControlState;

/**
 * F22 {@code o} and {@code p}: the endpoint asks at each failure past its immediate retries
 * (delayed retries) and when its consecutive failures reach the limit or while throttled (auto rate
 * limiting), so a toggle acts at once.
 */
final class TogglePolicy implements RecoverabilityPolicy {
    private final ControlState state;

    TogglePolicy(ControlState state) {
        this.state = state;
    }

    @Override
    public boolean delayedRetries(String endpointName) {
        return state.current().delayedRetries();
    }

    @Override
    public boolean autoRateLimit(String endpointName) {
        return state.current().autoRateLimit();
    }
}
