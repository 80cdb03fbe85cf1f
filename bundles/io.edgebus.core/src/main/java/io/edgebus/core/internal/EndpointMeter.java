package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import io.edgebus.api.transport.IncomingMessage;
import java.util.concurrent.atomic.LongAdder;

/**
 * An endpoint's counters. Written on the hot path (one call per message outcome): striped adders,
 * no lock, no allocation. Read by the metrics report and exporters.
 */
final class EndpointMeter {
    /** Every delivery that reached the endpoint, whatever became of it: the stall alarm watches it move. */
    final LongAdder received = new LongAdder();
    final LongAdder processed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder immediateRetries = new LongAdder();
    final LongAdder delayedRetries = new LongAdder();
    final Timer processing = new Timer();
    final Timer critical = new Timer();

    /**
     * A message processed successfully: {@code startNanos}/{@code endNanos} from
     * {@link System#nanoTime()}, {@code endEpochMicros} the wall clock at the end, for the
     * critical time from the sender's {@code NServiceBus.TimeSent}.
     */
    void succeeded(IncomingMessage message, long startNanos, long endNanos, long endEpochMicros) {
        processed.increment();
        processing.record(endNanos - startNanos);
        long sent = WireTime.parseEpochMicros(message.headers().get(Headers.TIME_SENT));
        if (sent != Long.MIN_VALUE) {
            critical.record((endEpochMicros - sent) * 1_000);
        }
    }
}
