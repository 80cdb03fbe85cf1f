package io.edgebus.bridge;

/**
 * Cumulative figures of one direction of a bridge.
 *
 * @param from the source side's name (its transport name)
 * @param to the target side's name
 * @param forwarded messages the target confirmed and the source then settled
 * @param errors messages moved to the source side's error queue (no route, rejected, too large)
 * @param tooLarge of {@code errors}, those larger than the target takes
 * @param dedupHits messages not forwarded because the same message id already went to the same endpoint
 * @param retries forwards retried because the target was unavailable
 * @param lastLagMillis {@code NServiceBus.TimeSent} to the target's confirmation, of the last forwarded message
 * @param maxLagMillis the largest such lag so far
 * @param backlog messages waiting in the proxies' queues, or -1 when the source transport cannot tell
 * @param sourceLink connection state of the source side (the worst of its proxies)
 * @param targetLink connection state of the target side's sender
 * @param linkDowns connection losses on the source and target side so far (each proxy and sender connection
 *                  that went to RECONNECTING counts once per loss)
 */
public record DirectionMetrics(String from, String to, long forwarded, long errors, long tooLarge, long dedupHits,
                               long retries, long lastLagMillis, long maxLagMillis, long backlog, String sourceLink,
                               String targetLink, long linkDowns) {
}
