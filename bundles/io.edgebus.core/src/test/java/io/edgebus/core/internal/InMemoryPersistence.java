package io.edgebus.core.internal;

import io.edgebus.api.persistence.ConcurrencyException;
import io.edgebus.api.persistence.OutboxRecord;
import io.edgebus.api.persistence.OutboxStorage;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.persistence.SagaStorage;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.persistence.StoredSaga;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Saga storage in memory for unit tests of core's saga runtime (the PostgreSQL implementation has
 * its own integration tests). Writes apply at once; counts writes so tests can see "no write".
 */
final class InMemoryPersistence implements Persistence, SagaStorage {
    final Map<String, StoredSaga> rows = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public StorageSession open(String endpoint) {
        return new StorageSession() {
            @Override
            public void commit() {
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new IllegalArgumentException("no " + type.getName() + " in memory");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public OutboxStorage outbox() {
        throw new IllegalStateException("the unit tests' persistence has no outbox");
    }

    @Override
    public SagaStorage sagas() {
        return this;
    }

    private static String key(String type, String correlation) {
        return type + "/" + correlation;
    }

    @Override
    public Optional<StoredSaga> find(StorageSession session, String sagaType, String correlationValue) {
        return Optional.ofNullable(rows.get(key(sagaType, correlationValue)));
    }

    @Override
    public synchronized void insert(StorageSession session, StoredSaga saga) {
        writes.incrementAndGet();
        if (rows.putIfAbsent(key(saga.sagaType(), saga.correlationValue()), saga) != null) {
            throw new ConcurrencyException("saga exists");
        }
    }

    @Override
    public synchronized void update(StorageSession session, StoredSaga saga) {
        writes.incrementAndGet();
        String k = key(saga.sagaType(), saga.correlationValue());
        StoredSaga current = rows.get(k);
        if (current == null || current.version() != saga.version()) {
            throw new ConcurrencyException("stale version");
        }
        rows.put(k, new StoredSaga(saga.id(), saga.sagaType(), saga.correlationValue(), saga.stateJson(),
                saga.version() + 1));
    }

    @Override
    public synchronized void complete(StorageSession session, StoredSaga saga) {
        writes.incrementAndGet();
        rows.remove(key(saga.sagaType(), saga.correlationValue()));
    }
}
