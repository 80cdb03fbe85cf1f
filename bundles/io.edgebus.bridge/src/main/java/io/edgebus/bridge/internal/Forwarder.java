package io.edgebus.bridge.internal;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.Headers;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what one proxy receives to the real endpoint's queue on the other side: body, message id
 * and every header as they came (a reply-to address names an endpoint that has a proxy of the same
 * name on this side, so a reply finds its way back). The source message is settled only after the
 * target confirmed the copy; while the target is unreachable the forward is retried, holding the
 * message, so the rest waits in the source queue instead of spinning through redeliveries.
 */
final class Forwarder implements MessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final String endpoint;
    private final Direction direction;

    Forwarder(String endpoint, Direction direction) {
        this.endpoint = endpoint;
        this.direction = direction;
    }

    @Override
    public ProcessResult process(IncomingMessage message) {
        return processAsync(message, Runnable::run).toCompletableFuture().join();
    }

    @Override
    public CompletionStage<ProcessResult> processAsync(IncomingMessage message, Executor continuation) {
        String id = messageId(message);
        if (!direction.dedup.claim(endpoint, id)) {
            direction.meter.dedupHits.incrementAndGet();
            LOG.debug("bridge {}: {} to {} already forwarded, dropped as a duplicate", direction.name, id, endpoint);
            return CompletableFuture.completedFuture(ProcessResult.ACK);
        }
        long size = size(message);
        long limit = direction.target.maxMessageBytes();
        if (size > limit) {
            direction.dedup.release(endpoint, id);
            direction.meter.tooLarge.incrementAndGet();
            return direction.failures.moveToErrorQueue(endpoint, message, "message of " + size
                    + " bytes (body and headers) is larger than side " + direction.target.label + " ("
                    + direction.target.transportName + ") takes: " + limit + " bytes");
        }
        OutgoingMessage out = new OutgoingMessage(id, message.headers(), message.body(), new Destination.Queue(endpoint), null);
        CompletableFuture<ProcessResult> result = new CompletableFuture<>();
        attempt(out, message, System.nanoTime() + direction.hold.toNanos(), 200, result);
        return result;
    }

    private void attempt(OutgoingMessage out, IncomingMessage message, long deadline, long delayMs,
                         CompletableFuture<ProcessResult> result) {
        CompletionStage<Void> sent;
        try {
            sent = direction.target.sender().dispatchAsync(List.of(out));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                confirmed(out.messageId(), message);
                result.complete(ProcessResult.ACK);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            EdgeBusException.Code code = cause instanceof EdgeBusException e ? e.code() : null;
            if (code == EdgeBusException.Code.TRANSPORT_UNAVAILABLE && System.nanoTime() < deadline && direction.isOpen()) {
                direction.meter.retries.incrementAndGet();
                LOG.debug("bridge {}: {} to {} not confirmed, retrying in {} ms: {}", direction.name, out.messageId(),
                        endpoint, delayMs, cause.getMessage());
                direction.later(() -> attempt(out, message, deadline, Math.min(delayMs * 2, 5_000), result), delayMs);
            } else if (code == EdgeBusException.Code.TRANSPORT_UNAVAILABLE || code == EdgeBusException.Code.STOPPED) {
                direction.dedup.release(endpoint, out.messageId());
                result.complete(ProcessResult.HAND_BACK);
            } else {
                direction.dedup.release(endpoint, out.messageId());
                direction.failures.moveToErrorQueue(endpoint, message, "side " + direction.target.label + " ("
                        + direction.target.transportName + ") refused it: " + cause)
                        .whenComplete((r, e) -> result.complete(e == null ? r : ProcessResult.HAND_BACK));
            }
        });
    }

    private void confirmed(String id, IncomingMessage message) {
        try {
            direction.dedup.record(endpoint, id);
        } catch (RuntimeException e) {
            LOG.error("bridge {}: could not remember {} for deduplication: {}", direction.name, id, e.getMessage());
        }
        direction.meter.forwarded(WireTimes.lagMillis(message.headers().get(Headers.TIME_SENT)));
    }

    static String messageId(IncomingMessage message) {
        String id = message.headers().get(Headers.MESSAGE_ID);
        return id == null || id.isBlank() ? message.nativeId() : id;
    }

    /** What the target counts against its limit, near enough: the body and every header name and value. */
    static long size(IncomingMessage message) {
        long size = message.body() == null ? 0 : message.body().length;
        for (var h : message.headers().entrySet()) {
            size += h.getKey().length() + (h.getValue() == null ? 0 : h.getValue().length());
        }
        return size;
    }
}
