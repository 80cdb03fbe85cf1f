package io.edgebus.bridge.internal;

import io.edgebus.api.Headers;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a message the bridge cannot forward to the error queue of its source side, with the reason
 * in the headers core's recoverability uses (so ServiceControl-style tools read it) and in the
 * bridge's own. The source message is settled only when the error queue has it.
 */
final class Failures {
    static final String REASON = "EdgeBus.Bridge.FailureReason";
    static final String TARGET = "EdgeBus.Bridge.TargetSide";
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(Headers.TIME_FORMAT).withZone(ZoneOffset.UTC);

    private final Direction direction;

    Failures(Direction direction) {
        this.direction = direction;
    }

    CompletionStage<ProcessResult> moveToErrorQueue(String endpoint, IncomingMessage message, String reason) {
        String id = Forwarder.messageId(message);
        Map<String, String> headers = new HashMap<>(message.headers());
        headers.put(REASON, reason);
        headers.put(TARGET, direction.target.label + " (" + direction.target.transportName + ")");
        headers.put(Headers.FAILED_QUEUE, endpoint);
        headers.put(Headers.EXCEPTION_MESSAGE, reason);
        headers.put(Headers.EXCEPTION_TYPE, "EdgeBus.Bridge.ForwardFailed");
        headers.put(Headers.TIME_OF_FAILURE, TIME.format(Instant.now()));
        String queue = direction.source.errorQueue;
        OutgoingMessage out = new OutgoingMessage(id, headers, message.body(), new Destination.Queue(queue), null);
        CompletableFuture<ProcessResult> result = new CompletableFuture<>();
        try {
            direction.source.sender().dispatchAsync(List.of(out)).whenComplete((ok, e) -> {
                if (e == null) {
                    direction.meter.errors.incrementAndGet();
                    LOG.warn("bridge {}: {} to {} moved to {}: {}", direction.name, id, endpoint, queue, reason);
                    result.complete(ProcessResult.ACK);
                } else {
                    LOG.warn("bridge {}: {} to {} could not be moved to {} ({}); left in the queue", direction.name, id,
                            endpoint, queue, e.toString());
                    result.complete(ProcessResult.HAND_BACK);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("bridge {}: {} to {} could not be moved to {} ({}); left in the queue", direction.name, id, endpoint,
                    queue, e.toString());
            result.complete(ProcessResult.HAND_BACK);
        }
        return result;
    }
}
