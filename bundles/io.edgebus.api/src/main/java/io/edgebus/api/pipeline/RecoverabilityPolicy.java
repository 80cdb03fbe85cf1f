package io.edgebus.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns an endpoint's recoverability steps on or off at run time, without a configuration change.
 * Registered as a whiteboard service with {@code edgebus.endpoint} naming the endpoints it applies
 * to (none: all endpoints). The endpoint asks every matching policy at each failure that has used
 * up its immediate retries; any one of them saying no is enough. Answers must be quick and must
 * not throw (an exception counts as "no opinion", i.e. the configuration applies).
 *
 * @since 1.1 ({@link #autoRateLimit} since 1.2)
 */
@ConsumerType
public interface RecoverabilityPolicy {
    /**
     * Whether a failed message of {@code endpointName} may take its next delayed retry (the
     * configured count and delays still apply); false sends it to the error queue instead.
     */
    boolean delayedRetries(String endpointName);

    /**
     * Whether {@code endpointName} may switch to one message at a time after its configured number of
     * consecutive failed attempts ({@code autoRateLimitFailures}); asked when the count is reached and
     * at each failure while it is throttled, so false also ends a running throttle.
     *
     * @since 1.2
     */
    default boolean autoRateLimit(String endpointName) {
        return true;
    }
}
