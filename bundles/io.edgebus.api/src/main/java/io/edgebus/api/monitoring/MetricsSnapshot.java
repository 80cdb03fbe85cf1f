package io.edgebus.api.monitoring;

/**
 * Cumulative figures of one endpoint instance since it started.
 *
 * @param endpoint the endpoint name
 * @param instance the instance name
 * @param displayName e.g. {@code sales-2}
 * @param hostId the deterministic instance id (a UUID from endpoint and instance name)
 * @param processed messages processed successfully
 * @param failed messages moved to the error queue
 * @param immediateRetries in-process retries of failed attempts
 * @param delayedRetries messages sent back through the broker's delay
 * @param processingTime handler start to handler end (and outbox commit), per successful message
 * @param criticalTime the message's {@code NServiceBus.TimeSent} to the end of its processing
 * @param queueLength messages waiting in the input queue, or -1 when the transport cannot tell
 * @param concurrencyLimit most messages handled at once, as configured
 * @param rateLimited true while auto rate limiting lets one message at a time through (since 1.1)
 * @param consecutiveFailures failed attempts in a row that auto rate limiting counts (since 1.1)
 * @param receiveStalled true while the endpoint is connected and messages wait in its queue but it has
 *                       received none for its stall alarm time: a stuck handler or a lost consumer (since 1.2)
 */
public record MetricsSnapshot(String endpoint, String instance, String displayName, String hostId,
                              long processed, long failed, long immediateRetries, long delayedRetries,
                              Timing processingTime, Timing criticalTime, long queueLength, int concurrencyLimit,
                              boolean rateLimited, int consecutiveFailures, boolean receiveStalled) {

    /** A snapshot without the stall alarm (the 1.1 form). */
    public MetricsSnapshot(String endpoint, String instance, String displayName, String hostId,
                           long processed, long failed, long immediateRetries, long delayedRetries,
                           Timing processingTime, Timing criticalTime, long queueLength, int concurrencyLimit,
                           boolean rateLimited, int consecutiveFailures) {
        this(endpoint, instance, displayName, hostId, processed, failed, immediateRetries, delayedRetries,
                processingTime, criticalTime, queueLength, concurrencyLimit, rateLimited, consecutiveFailures, false);
    }

    /** A snapshot without auto rate limiting figures (the 1.0 form). */
    public MetricsSnapshot(String endpoint, String instance, String displayName, String hostId,
                           long processed, long failed, long immediateRetries, long delayedRetries,
                           Timing processingTime, Timing criticalTime, long queueLength, int concurrencyLimit) {
        this(endpoint, instance, displayName, hostId, processed, failed, immediateRetries, delayedRetries,
                processingTime, criticalTime, queueLength, concurrencyLimit, false, 0, false);
    }

    /**
     * A histogram of durations in seconds.
     *
     * @param bucketBounds upper bounds, ascending (the last bucket, +Inf, is {@code count})
     * @param bucketCounts cumulative: how many were at most {@code bucketBounds[i]}
     * @param count how many were measured
     * @param sumSeconds their sum
     */
    public record Timing(double[] bucketBounds, long[] bucketCounts, long count, double sumSeconds) {
        public Timing {
            bucketBounds = bucketBounds.clone();
            bucketCounts = bucketCounts.clone();
            if (bucketBounds.length != bucketCounts.length) {
                throw new IllegalArgumentException("one count per bucket bound");
            }
        }

        @Override
        public double[] bucketBounds() {
            return bucketBounds.clone();
        }

        @Override
        public long[] bucketCounts() {
            return bucketCounts.clone();
        }
    }
}
