package io.edgebus.core.internal;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.persistence.SagaStorage;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.persistence.StoredSaga;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One saga route as a message handler of the endpoint: finds the instance by correlation value,
 * runs the saga's handler and stores the new state (insert, update only when it changed, or delete
 * on completion) in the message's storage transaction, or in one of its own when there is none.
 */
final class SagaMessageHandler implements MessageHandler<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(SagaMessageHandler.class);

    private final String sagaType;
    private final Class<?> dataType;
    private final SagaRoutes.Route route;
    private final Supplier<Persistence> persistence;
    private final Supplier<JsonSerializer> json;
    private final Supplier<String> sagaAuditQueue;

    SagaMessageHandler(String sagaType, Class<?> dataType, SagaRoutes.Route route,
                       Supplier<Persistence> persistence, Supplier<JsonSerializer> json) {
        this(sagaType, dataType, route, persistence, json, () -> "");
    }

    /** {@code sagaAuditQueue}: where saga changes are reported; empty: not reported. */
    SagaMessageHandler(String sagaType, Class<?> dataType, SagaRoutes.Route route,
                       Supplier<Persistence> persistence, Supplier<JsonSerializer> json,
                       Supplier<String> sagaAuditQueue) {
        this.sagaAuditQueue = sagaAuditQueue;
        this.sagaType = sagaType;
        this.dataType = dataType;
        this.route = route;
        this.persistence = persistence;
        this.json = json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<Object> messageType() {
        return (Class<Object>) route.type();
    }

    String sagaType() {
        return sagaType;
    }

    @Override
    public void handle(Object message, MessageContext context) throws Exception {
        String correlation = route.correlation().apply(message);
        if (correlation == null || correlation.isBlank()) {
            throw new PoisonMessageException(route.type().getName() + " has no value for the correlation of saga "
                    + sagaType);
        }
        StorageSession shared = context instanceof HandlerSession hs ? hs.storage() : null;
        if (shared != null) {
            handle(message, context, correlation, shared);
            return;
        }
        Persistence p = persistence.get();
        if (p == null) {
            throw new IllegalStateException("endpoint " + context.endpointName()
                    + " has no persistence; saga " + sagaType + " needs one (configure persistence.target)");
        }
        try (StorageSession own = p.open(context.endpointName())) {
            handle(message, context, correlation, own);
            own.commit();
        }
    }

    private void handle(Object message, MessageContext context, String correlation, StorageSession session)
            throws Exception {
        SagaStorage sagas = persistence.get().sagas();
        Optional<StoredSaga> found = sagas.find(session, sagaType, correlation);
        if (found.isEmpty() && !route.starts()) {
            LOG.info("{}: no {} saga with correlation {} (never started or completed); message {} ignored",
                    context.endpointName(), sagaType, correlation, context.messageId());
            return;
        }
        Object data = found.map(s -> json.get().deserialize(s.stateJson().getBytes(StandardCharsets.UTF_8), dataType))
                .orElse(null);
        UUID id = found.map(StoredSaga::id).orElseGet(() -> UUID.nameUUIDFromBytes(
                (sagaType + "/" + correlation).getBytes(StandardCharsets.UTF_8)));
        SagaContextImpl sagaContext = new SagaContextImpl(context, id.toString(), sagaType);
        Instant started = Instant.now();
        HandlerSession hs = context instanceof HandlerSession h ? h : null;
        int sentBefore = hs == null ? 0 : hs.outgoingCount();
        Object next = route.handler().handle(message, data, sagaContext);
        if (sagaContext.isComplete()) {
            found.ifPresent(s -> sagas.complete(session, s));
            audit(context, hs, sentBefore, id, next != null ? next : data, found.isEmpty(), true, started);
            return;
        }
        if (next == null) {
            throw new IllegalStateException(sagaType + " returned no state for " + route.type().getName()
                    + " without marking the saga complete");
        }
        if (found.isEmpty()) {
            String state = json(next);
            sagas.insert(session, new StoredSaga(id, sagaType, correlation, state, 0));
            audit(context, hs, sentBefore, id, next, true, false, started);
        } else if (!Objects.equals(next, data)) {
            sagas.update(session, new StoredSaga(id, sagaType, correlation, json(next), found.get().version()));
            audit(context, hs, sentBefore, id, next, false, false, started);
        }
    }

    private void audit(MessageContext context, HandlerSession hs, int sentBefore, UUID id, Object state,
                       boolean isNew, boolean isCompleted, Instant started) {
        String queue = sagaAuditQueue.get();
        if (queue.isEmpty() || hs == null) {
            return;
        }
        SagaAudit.report(context, queue, id.toString(), sagaType, state == null ? "null" : json(state), isNew,
                isCompleted, started, hs.outgoingSince(sentBefore));
    }

    private String json(Object state) {
        return new String(json.get().serialize(state), StandardCharsets.UTF_8);
    }
}
