package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.persistence.ConcurrencyException;
import io.edgebus.api.persistence.SagaStorage;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.persistence.StoredSaga;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SagaStorageIT {
    private static final String SCHEMA = TestDatabase.uniqueSchema(SagaStorageIT.class);
    private static final String NAME = TestDatabase.uniqueName("saga");
    private static PostgresPersistence persistence;
    private static SagaStorage sagas;

    @BeforeAll
    static void start() {
        persistence = new PostgresPersistence(TestDatabase.settings(NAME, SCHEMA));
        sagas = persistence.sagas();
    }

    @AfterAll
    static void stop() throws Exception {
        persistence.close();
        TestDatabase.dropSchema(SCHEMA);
    }

    private static StoredSaga insertCommitted(String correlation, String state) {
        StoredSaga saga = new StoredSaga(UUID.randomUUID(), "OrderSaga", correlation, state, 0);
        try (StorageSession s = persistence.open("Sales")) {
            sagas.insert(s, saga);
            s.commit();
        }
        return saga;
    }

    private static StoredSaga find(String correlation) {
        try (StorageSession s = persistence.open("Sales")) {
            return sagas.find(s, "OrderSaga", correlation).orElseThrow();
        }
    }

    private static long rows(StoredSaga saga) throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM " + SCHEMA + ".saga WHERE id = '" + saga.id() + "'");
    }

    @Test
    void insertFindUpdateCompleteLifecycle() throws Exception {
        StoredSaga saga = insertCommitted("order-1", "{\"step\": 1}");
        StoredSaga found = find("order-1");
        assertEquals(saga.id(), found.id());
        assertEquals(0, found.version());
        try (StorageSession s = persistence.open("Sales")) {
            sagas.update(s, new StoredSaga(found.id(), "OrderSaga", "order-1", "{\"step\": 2}", found.version()));
            s.commit();
        }
        StoredSaga updated = find("order-1");
        assertEquals(1, updated.version());
        assertEquals("{\"step\": 2}", updated.stateJson());
        try (StorageSession s = persistence.open("Sales")) {
            sagas.complete(s, updated);
            s.commit();
        }
        try (StorageSession s = persistence.open("Sales")) {
            assertTrue(sagas.find(s, "OrderSaga", "order-1").isEmpty());
        }
        assertEquals(0, rows(saga), "a completed saga's row is really gone");
    }

    @Test
    void whenTheCorrelationExists_thenInsertFailsWithConcurrencyException() {
        insertCommitted("order-dup", "{}");
        try (StorageSession s = persistence.open("Sales")) {
            assertThrows(ConcurrencyException.class, () -> sagas.insert(s,
                    new StoredSaga(UUID.randomUUID(), "OrderSaga", "order-dup", "{}", 0)));
        }
    }

    @Test
    void whenTwoSessionsUpdateTheSameSaga_thenExactlyOneWins() throws Exception {
        insertCommitted("order-race", "{\"n\": 0}");
        StoredSaga read = find("order-race");
        // Declared in this order so that first closes (releasing its lock) before second, even on failure.
        try (StorageSession second = persistence.open("Sales"); StorageSession first = persistence.open("Sales")) {
            sagas.update(first, new StoredSaga(read.id(), "OrderSaga", "order-race", "{\"n\": 1}", read.version()));
            // The second update blocks on the first's row lock, then sees the version moved.
            CompletableFuture<Void> loser = CompletableFuture.runAsync(() -> sagas.update(second,
                    new StoredSaga(read.id(), "OrderSaga", "order-race", "{\"n\": 2}", read.version())));
            awaitLockWait();
            first.commit();
            ExecutionException e = assertThrows(ExecutionException.class, () -> loser.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ConcurrencyException, e.getCause().toString());
        }
        StoredSaga after = find("order-race");
        assertEquals("{\"n\": 1}", after.stateJson());
        assertEquals(1, after.version());
    }

    private static void awaitLockWait() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'edgebus-persistence:"
                + NAME + "' AND wait_event_type = 'Lock'") == 0) {
            assertTrue(System.nanoTime() < deadline, "the second update never waited for the first");
            Thread.sleep(10);
        }
    }

    @Test
    void whenTheStateIsUnchanged_thenUpdateWritesNothing() throws Exception {
        StoredSaga saga = insertCommitted("order-same", "{\"a\": 1, \"b\": [1, 2]}");
        String xmin = "SELECT xmin::text::bigint FROM " + SCHEMA + ".saga WHERE id = '" + saga.id() + "'";
        long before = TestDatabase.queryLong(xmin);
        // The backend's counter may still hold earlier transactions' updates (flushed lazily): compare around the call.
        String updates = "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relid = '" + SCHEMA + ".saga'::regclass";
        try (StorageSession s = persistence.open("Sales")) {
            long updatesBefore = TestDatabase.queryLong(s.unwrap(Connection.class), updates);
            // Same jsonb, different text: key order and spacing do not count as a change.
            sagas.update(s, new StoredSaga(saga.id(), "OrderSaga", "order-same", "{\"b\":[1,2],\"a\":1}", 0));
            assertEquals(updatesBefore, TestDatabase.queryLong(s.unwrap(Connection.class), updates));
            s.commit();
        }
        assertEquals(before, TestDatabase.queryLong(xmin), "no new row version");
        assertEquals(0, find("order-same").version());
        // The control: a real change is counted and makes a new row version.
        try (StorageSession s = persistence.open("Sales")) {
            long updatesBefore = TestDatabase.queryLong(s.unwrap(Connection.class), updates);
            sagas.update(s, new StoredSaga(saga.id(), "OrderSaga", "order-same", "{\"a\": 2}", 0));
            assertEquals(updatesBefore + 1, TestDatabase.queryLong(s.unwrap(Connection.class), updates));
            s.commit();
        }
        assertEquals(1, find("order-same").version());
    }

    @Test
    void whenTheVersionIsStale_thenUnchangedUpdateAndCompleteFail() {
        StoredSaga saga = insertCommitted("order-stale", "{\"a\": 1}");
        try (StorageSession s = persistence.open("Sales")) {
            sagas.update(s, new StoredSaga(saga.id(), "OrderSaga", "order-stale", "{\"a\": 2}", 0));
            s.commit();
        }
        try (StorageSession s = persistence.open("Sales")) {
            // Even with the state now stored: it was decided on version 0, which is gone.
            assertThrows(ConcurrencyException.class, () -> sagas.update(s,
                    new StoredSaga(saga.id(), "OrderSaga", "order-stale", "{\"a\": 2}", 0)));
            assertThrows(ConcurrencyException.class, () -> sagas.complete(s, saga));
        }
    }
}
