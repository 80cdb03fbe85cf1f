package io.edgebus.itest.handler;

import io.edgebus.api.pipeline.RecoverabilityPolicy;

/**
 * Turns delayed retries off while the JVM-wide system property {@value #OFF} is "true": the test
 * outside the framework flips it as the booth controls' toggle would.
 */
final class SwitchablePolicy implements RecoverabilityPolicy {
    static final String OFF = "itest.delayedRetriesOff";

    @Override
    public boolean delayedRetries(String endpointName) {
        return !Boolean.getBoolean(OFF);
    }
}
