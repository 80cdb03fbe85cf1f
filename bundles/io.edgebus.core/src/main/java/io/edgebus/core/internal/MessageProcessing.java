package io.edgebus.core.internal;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.Headers;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.pipeline.ReceiveContext;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incoming message from the transport to the handlers and back: receive pipeline,
 * deserialization, invoke pipeline per handler, batched dispatch, and recoverability around it all.
 */
final class MessageProcessing implements MessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MessageProcessing.class);
    private static final long HAND_BACK_PAUSE_MS = 250;

    private final Endpoint endpoint;
    private final RateLimitGate gate;

    MessageProcessing(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.gate = new RateLimitGate(() -> endpoint.settings().name());
    }

    @Override
    public ProcessResult process(IncomingMessage message) {
        endpoint.meter().received.increment();
        return processReceived(message);
    }

    private ProcessResult processReceived(IncomingMessage message) {
        String messageId = messageId(message);
        if (messageId == null) {
            return moveToError(message, "unidentified-" + java.util.UUID.randomUUID(),
                    new PoisonMessageException("missing header " + Headers.MESSAGE_ID + " and no broker message id"), 0);
        }
        return attempts(message, messageId, null);
    }

    /**
     * The first attempt runs the handlers here and only starts their sends; the message is settled
     * when the broker confirmed them, without a thread waiting for that. Behaviours wrap handling
     * and sending synchronously, so with any receive or dispatch behaviour registered this is
     * {@link #process}. A failure continues with {@link #process}'s retries on {@code continuation}.
     */
    @Override
    public CompletionStage<ProcessResult> processAsync(IncomingMessage message, Executor continuation) {
        endpoint.meter().received.increment();
        String messageId = messageId(message);
        Pipelines pipelines = endpoint.pipelines();
        // While failures are counted, auto rate limiting may hold attempts back: the plain path.
        if (messageId == null || !gate.clear() || !pipelines.receive.isEmpty() || !pipelines.dispatch.isEmpty()
                || endpoint.settings().outbox()) {
            return CompletableFuture.completedFuture(processReceived(message));
        }
        List<OutgoingMessage> out;
        Contexts.Receive context = new Contexts.Receive(endpoint.settings().name(), message, messageId);
        Completion completion = new Completion(endpoint, context);
        try {
            out = completion.finish(collect(context, null));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return CompletableFuture.completedFuture(attempts(message, messageId, e));
        }
        if (out.isEmpty()) {
            completion.succeeded();
            return CompletableFuture.completedFuture(ProcessResult.ACK);
        }
        CompletionStage<Void> sent;
        try {
            sent = endpoint.transport().dispatchAsync(out);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(attempts(message, messageId, e));
        }
        return sent.handle((ok, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                completion.succeeded();
                return CompletableFuture.completedFuture(ProcessResult.ACK);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            try {
                // Not on the broker's I/O thread that reported the failure: retries run handlers.
                return CompletableFuture.supplyAsync(() -> attempts(message, messageId, cause), continuation);
            } catch (RejectedExecutionException stopping) {
                return CompletableFuture.completedFuture(ProcessResult.HAND_BACK);
            }
        });
    }

    /**
     * Attempts with immediate retries, the error queue or hand-back; {@code firstFailure} is an
     * attempt that already failed (or null).
     */
    private ProcessResult attempts(IncomingMessage message, String messageId, Throwable firstFailure) {
        EndpointSettings settings = endpoint.settings();
        Throwable failure = firstFailure;
        int delayedDone = Recoverability.delayedRetriesDone(message.headers().get(Headers.DELAYED_RETRIES));
        for (int failed = 0; ; ) {
            if (failure == null) {
                Contexts.Receive context = new Contexts.Receive(settings.name(), message, messageId);
                try {
                    attempt(context);
                    return ProcessResult.ACK;
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    failure = e;
                }
            }
            failed++;
            countFailure(settings, failure);
            Recoverability.Decision decision = Recoverability.decide(limits(settings, failed), failed, delayedDone,
                    failure, endpoint.isStopping());
            switch (decision.action()) {
                case IMMEDIATE_RETRY -> {
                    endpoint.meter().immediateRetries.increment();
                    LOG.debug("{}: message {} failed (attempt {}), retrying: {}", settings.name(), messageId,
                            failed, failure.toString());
                }
                case DELAYED_RETRY -> {
                    return delayedRetry(message, messageId, failure, delayedDone + 1, decision.delay());
                }
                case HAND_BACK -> {
                    return handBack(messageId, failure);
                }
                case MOVE_TO_ERROR -> {
                    return moveToError(message, messageId, failure, failed - 1);
                }
            }
            failure = null;
        }
    }

    /** One attempt, through the auto rate limiting gate while failures are counted. */
    private void attempt(Contexts.Receive context) throws Exception {
        if (gate.clear()) {
            endpoint.pipelines().receive.run(context, () -> handle(context));
            return;
        }
        boolean held = gate.enter();
        try {
            if (endpoint.isStopping()) {
                throw new HandBackException("endpoint " + endpoint.settings().name() + " is stopping");
            }
            endpoint.pipelines().receive.run(context, () -> handle(context));
        } finally {
            gate.exit(held);
        }
        gate.succeeded(endpoint.settings().concurrency());
    }

    /** Poison input and hand-backs say nothing about the endpoint's health: they are not counted. */
    private void countFailure(EndpointSettings settings, Throwable failure) {
        if (!(failure instanceof PoisonMessageException) && !(failure instanceof HandBackException)
                && !endpoint.isStopping()) {
            gate.failed(settings.autoRateLimitFailures(), endpoint.pipelines().recoverability);
        }
    }

    /** Auto rate limiting's state, for the endpoint's status. */
    RateLimitGate.Status rateLimit() {
        return gate.status();
    }

    /** Lets attempts waiting for the gate go (they are handed back). */
    void stop() {
        gate.stop();
    }

    /**
     * The policies are asked only once the immediate retries are used up, so a run-time switch
     * costs nothing on the common path.
     */
    private Recoverability.Limits limits(EndpointSettings settings, int failed) {
        int delayed = failed > settings.immediateRetries() && settings.delayedRetries() > 0
                && DelayedRetry.allowed(endpoint.pipelines().recoverability, settings.name())
                ? settings.delayedRetries() : 0;
        return new Recoverability.Limits(settings.immediateRetries(), delayed, settings.delayedRetryIncrement());
    }

    /**
     * Sends the message back to the input queue through the broker's delay infrastructure and only
     * then settles it: if the process dies in between, the original is redelivered (at least once).
     */
    private ProcessResult delayedRetry(IncomingMessage message, String messageId, Throwable error, int retry,
                                       Duration delay) {
        EndpointSettings settings = endpoint.settings();
        OutgoingMessage retried = DelayedRetry.message(messageId, effectiveHeaders(message, messageId),
                message.body(), settings.queue(), retry, delay);
        try {
            endpoint.transport().dispatch(List.of(retried));
        } catch (RuntimeException e) {
            LOG.warn("{}: could not schedule delayed retry {} of message {}; handing it back: {}", settings.name(),
                    retry, messageId, e.toString());
            return ProcessResult.HAND_BACK;
        }
        endpoint.meter().delayedRetries.increment();
        LOG.warn("{}: message {} failed after {} immediate retries; delayed retry {} of {} in {} s: {}",
                settings.name(), messageId, settings.immediateRetries(), retry, settings.delayedRetries(),
                delay.toSeconds(), error.toString());
        return ProcessResult.ACK;
    }

    private void handle(Contexts.Receive context) throws Exception {
        if (endpoint.settings().outbox()) {
            Persistence persistence = endpoint.persistence();
            if (persistence == null) {
                throw new IllegalStateException("endpoint " + endpoint.settings().name()
                        + " has outbox=true but no persistence (check persistence.target)");
            }
            Completion completion = new Completion(endpoint, context);
            OutboxStep.run(persistence, endpoint.settings().name(), context.messageId(),
                    storage -> collect(context, storage),
                    out -> endpoint.dispatch(completion.finish(out), Optional.of(context)));
            if (!completion.finished()) {
                // Nothing was sent (or a duplicate whose sends went out before): the audit copy alone.
                List<OutgoingMessage> audit = completion.finish(List.of());
                if (!audit.isEmpty()) {
                    endpoint.dispatch(audit, Optional.of(context));
                }
            }
            completion.succeeded();
            return;
        }
        Completion completion = new Completion(endpoint, context);
        List<OutgoingMessage> out = completion.finish(collect(context, null));
        if (!out.isEmpty()) {
            endpoint.dispatch(out, Optional.of(context));
        }
        completion.succeeded();
    }

    /**
     * Runs the handlers, in {@code storage}'s transaction when there is one (sagas share it);
     * returns what they sent, not yet dispatched.
     */
    private List<OutgoingMessage> collect(Contexts.Receive context, StorageSession storage) throws Exception {
        IncomingMessage message = context.message();
        Map<String, String> headers = effectiveHeaders(message, context.messageId());
        String contentType = headers.get(Headers.CONTENT_TYPE);
        if (contentType != null && !contentType.equals(Headers.JSON)) {
            throw new PoisonMessageException("unsupported " + Headers.CONTENT_TYPE + " '" + contentType + "'");
        }
        List<String> types = MessageTypes.parseEnclosed(headers.get(Headers.ENCLOSED_MESSAGE_TYPES));
        if (types.isEmpty()) {
            throw new PoisonMessageException("missing header " + Headers.ENCLOSED_MESSAGE_TYPES);
        }
        HandlerRegistry handlers = endpoint.handlers();
        Class<?> type = handlers.resolve(types);
        if (type == null) {
            if (handlers.departedWithin(types, endpoint.settings().missingHandlerGrace())) {
                throw new HandBackException("the handler of " + types.get(0) + " is being replaced");
            }
            throw new PoisonMessageException("no handler for message type " + types.get(0)
                    + " in endpoint " + endpoint.settings().name());
        }
        Object body = deserialize(message, type);
        HandlerSession session = new HandlerSession(endpoint.settings().name(), context.messageId(), headers,
                endpoint.outgoing());
        session.storage(storage);
        List<HandlerEntry> targets = handlers.handlersFor(type);
        if (targets.isEmpty()) {
            throw new HandBackException("the handler of " + types.get(0) + " went away");
        }
        for (HandlerEntry entry : targets) {
            invoke(context, entry, body, session);
        }
        return session.outgoing();
    }

    @SuppressWarnings("unchecked")
    private void invoke(ReceiveContext context, HandlerEntry entry, Object body, HandlerSession session)
            throws Exception {
        if (!entry.enter()) {
            throw new HandBackException("handler " + entry.handler().getClass().getName() + " is being removed");
        }
        try {
            MessageHandler<Object> handler = (MessageHandler<Object>) entry.handler();
            endpoint.pipelines().invoke.run(new Contexts.Invoke(context, body, handler, session),
                    () -> handler.handle(body, session));
        } finally {
            entry.exit();
        }
    }

    private Object deserialize(IncomingMessage message, Class<?> type) {
        try {
            return endpoint.serializer().deserialize(message.body(), type);
        } catch (EdgeBusException e) {
            throw new PoisonMessageException(e.getMessage(), e.getCause());
        }
    }

    private ProcessResult handBack(String messageId, Throwable reason) {
        LOG.info("{}: handing message {} back to the queue: {}", endpoint.settings().name(), messageId,
                reason.getMessage());
        try {
            Thread.sleep(HAND_BACK_PAUSE_MS); // keeps a waiting message from spinning through the queue
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ProcessResult.HAND_BACK;
    }

    private ProcessResult moveToError(IncomingMessage message, String messageId, Throwable error, int retries) {
        EndpointSettings settings = endpoint.settings();
        Map<String, String> headers = FailureHeaders.add(effectiveHeaders(message, messageId), error,
                settings.queue(), endpoint.host(), retries);
        OutgoingMessage failed = new OutgoingMessage(messageId, headers, message.body(),
                new Destination.Queue(settings.errorQueue()), null);
        try {
            endpoint.transport().dispatch(List.of(failed));
        } catch (RuntimeException e) {
            LOG.warn("{}: could not move message {} to {}; handing it back: {}", settings.name(), messageId,
                    settings.errorQueue(), e.toString());
            return ProcessResult.HAND_BACK;
        }
        endpoint.meter().failed.increment();
        LOG.error("{}: moved message {} to {} after {} immediate and {} delayed retries: {}", settings.name(),
                messageId, settings.errorQueue(), retries,
                Recoverability.delayedRetriesDone(headers.get(Headers.DELAYED_RETRIES)), error.toString());
        return ProcessResult.ACK;
    }

    private static String messageId(IncomingMessage message) {
        String id = message.headers().get(Headers.MESSAGE_ID);
        if (id != null && !id.isBlank()) {
            return id;
        }
        return message.nativeId() != null && !message.nativeId().isBlank() ? message.nativeId() : null;
    }

    private static Map<String, String> effectiveHeaders(IncomingMessage message, String messageId) {
        if (messageId.equals(message.headers().get(Headers.MESSAGE_ID))) {
            return message.headers();
        }
        Map<String, String> h = new HashMap<>(message.headers());
        h.put(Headers.MESSAGE_ID, messageId);
        return Map.copyOf(h);
    }
}
