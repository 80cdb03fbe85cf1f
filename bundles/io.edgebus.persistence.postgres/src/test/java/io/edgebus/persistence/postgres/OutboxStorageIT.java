package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.persistence.ConcurrencyException;
import io.edgebus.api.persistence.OutboxRecord;
import io.edgebus.api.persistence.OutboxStorage;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboxStorageIT {
    private static final String SCHEMA = TestDatabase.uniqueSchema(OutboxStorageIT.class);
    private static final String NAME = TestDatabase.uniqueName("outbox");
    private static PostgresPersistence persistence;
    private static OutboxStorage outbox;

    @BeforeAll
    static void start() {
        persistence = new PostgresPersistence(TestDatabase.settings(NAME, SCHEMA));
        outbox = persistence.outbox();
    }

    @AfterAll
    static void stop() throws Exception {
        persistence.close();
        TestDatabase.dropSchema(SCHEMA);
    }

    private static void storeCommitted(OutboxRecord record) {
        try (StorageSession s = persistence.open(record.endpoint())) {
            outbox.store(s, record);
            s.commit();
        }
    }

    private static OutboxRecord find(String endpoint, String id) {
        try (StorageSession s = persistence.open(endpoint)) {
            return outbox.find(s, endpoint, id).orElseThrow();
        }
    }

    @Test
    void storedRecordIsFoundWithEveryField() {
        List<OutgoingMessage> operations = OperationsJsonTest.sample();
        storeCommitted(new OutboxRecord("Sales", "in-1", operations, false));
        OutboxRecord found = find("Sales", "in-1");
        assertEquals("Sales", found.endpoint());
        assertEquals("in-1", found.incomingMessageId());
        assertFalse(found.dispatched());
        assertEquals(operations.size(), found.operations().size());
        for (int i = 0; i < operations.size(); i++) {
            OperationsJsonTest.assertSameMessage(operations.get(i), found.operations().get(i));
        }
    }

    @Test
    void whenTheSameIncomingIdIsStoredAgain_thenConcurrencyException() {
        storeCommitted(new OutboxRecord("Sales", "in-dup", List.of(), false));
        try (StorageSession s = persistence.open("Sales")) {
            assertThrows(ConcurrencyException.class,
                    () -> outbox.store(s, new OutboxRecord("Sales", "in-dup", OperationsJsonTest.sample(), false)));
        }
        // The same id on another endpoint is another message.
        storeCommitted(new OutboxRecord("Billing", "in-dup", List.of(), false));
    }

    @Test
    void whenADuplicateIsHandledConcurrently_thenTheSecondStoreWaitsAndFails() throws Exception {
        // Declared in this order so that first closes (ending its transaction) before second, even on failure.
        try (StorageSession second = persistence.open("Sales"); StorageSession first = persistence.open("Sales")) {
            outbox.store(first, new OutboxRecord("Sales", "in-race", List.of(), false));
            CompletableFuture<Void> duplicate = CompletableFuture.runAsync(
                    () -> outbox.store(second, new OutboxRecord("Sales", "in-race", List.of(), false)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                    + "'edgebus-persistence:" + NAME + "' AND wait_event_type = 'Lock'") == 0) {
                assertTrue(System.nanoTime() < deadline, "the duplicate never waited for the first transaction");
                Thread.sleep(10);
            }
            first.commit();
            ExecutionException e = assertThrows(ExecutionException.class, () -> duplicate.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ConcurrencyException, e.getCause().toString());
        }
    }

    @Test
    void whenTheSessionClosesWithoutCommit_thenNothingIsStored() {
        try (StorageSession s = persistence.open("Sales")) {
            outbox.store(s, new OutboxRecord("Sales", "in-rolled-back", List.of(), false));
            assertTrue(outbox.find(s, "Sales", "in-rolled-back").isPresent(), "visible in its own transaction");
        }
        try (StorageSession s = persistence.open("Sales")) {
            assertTrue(outbox.find(s, "Sales", "in-rolled-back").isEmpty());
        }
    }

    @Test
    void markDispatchedKeepsTheIdAndDropsTheOperations() {
        storeCommitted(new OutboxRecord("Sales", "in-sent", OperationsJsonTest.sample(), false));
        outbox.markDispatched("Sales", "in-sent");
        OutboxRecord found = find("Sales", "in-sent");
        assertTrue(found.dispatched());
        assertEquals(List.of(), found.operations());
    }

    @Test
    void whenTwoClaimersRunAtOnce_thenNoRecordIsClaimedTwice() throws Exception {
        String endpoint = "Claims";
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + SCHEMA + ".outbox (endpoint, message_id, operations, created_at)"
                    + " SELECT '" + endpoint + "', 'old-' || i, '[]', now() - interval '1 hour' - i * interval '1 ms'"
                    + " FROM generate_series(1, 300) i");
        }
        storeCommitted(new OutboxRecord(endpoint, "fresh", List.of(), false));
        storeCommitted(new OutboxRecord(endpoint, "done", List.of(), true));

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> claimers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            claimers.add(threads.submit(() -> {
                go.await();
                List<String> mine = new ArrayList<>();
                for (List<OutboxRecord> batch; !(batch = outbox.claimUndispatched(endpoint, Duration.ofMinutes(1), 7))
                        .isEmpty(); ) {
                    batch.forEach(r -> mine.add(r.incomingMessageId()));
                }
                return mine;
            }));
        }
        go.countDown();
        List<String> first = claimers.get(0).get(30, TimeUnit.SECONDS);
        List<String> second = claimers.get(1).get(30, TimeUnit.SECONDS);
        threads.shutdown();

        Set<String> all = new HashSet<>(first);
        second.forEach(id -> assertTrue(all.add(id), id + " was claimed twice"));
        assertEquals(300, all.size(), "every old undispatched record, and neither the fresh nor the dispatched one");
        assertTrue(outbox.claimUndispatched(endpoint, Duration.ofMinutes(1), 10).isEmpty(), "claims outlast the call");

        // A claimer that died: its claim expires and the record is claimable again.
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("UPDATE " + SCHEMA + ".outbox SET claimed_at = now() - interval '2 minutes'"
                    + " WHERE endpoint = '" + endpoint + "' AND message_id = 'old-1'");
        }
        List<OutboxRecord> again = outbox.claimUndispatched(endpoint, Duration.ofMinutes(1), 10);
        assertEquals(List.of("old-1"), again.stream().map(OutboxRecord::incomingMessageId).toList());
    }
}
