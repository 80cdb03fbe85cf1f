package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.persistence.OutboxRecord;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.persistence.StoredSaga;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures, not asserts: one thread doing what the outbox path does per message (find the saga, update it,
 * store the outbox record, commit, mark dispatched). The figure goes to the test output.
 */
class ThroughputIT {
    private static final String SCHEMA = TestDatabase.uniqueSchema(ThroughputIT.class);
    private static PostgresPersistence persistence;

    @BeforeAll
    static void start() {
        persistence = new PostgresPersistence(TestDatabase.settings(TestDatabase.uniqueName("throughput"), SCHEMA));
    }

    @AfterAll
    static void stop() throws Exception {
        persistence.close();
        TestDatabase.dropSchema(SCHEMA);
    }

    @Test
    void sagaUpdatePlusOutboxRecordPerTransaction() {
        UUID id = UUID.randomUUID();
        try (StorageSession s = persistence.open("Sales")) {
            persistence.sagas().insert(s, new StoredSaga(id, "OrderSaga", "order-1", "{\"n\": 0}", 0));
            s.commit();
        }
        byte[] body = new byte[1024];
        run(id, 300, body, false);
        long start = System.nanoTime();
        int n = run(id, 2_000_000_000L, body, false);
        double perSecond = n / ((System.nanoTime() - start) / 1e9);
        long startDispatch = System.nanoTime();
        int m = run(id, 1_000_000_000L, body, true);
        double withDispatch = m / ((System.nanoTime() - startDispatch) / 1e9);
        System.out.printf("ThroughputIT: saga update + outbox record (1 KB body) + commit: %.0f/s;"
                + " with markDispatched after commit: %.0f/s (single thread)%n", perSecond, withDispatch);
        assertTrue(n > 0 && m > 0);
    }

    /** Runs for {@code nanos} (or that many iterations when small), returns the number of transactions. */
    private static int run(UUID id, long nanos, byte[] body, boolean dispatch) {
        long end = System.nanoTime() + (nanos < 10_000 ? Long.MAX_VALUE / 4 : nanos);
        int count = 0;
        while (System.nanoTime() < end && (nanos >= 10_000 || count < nanos)) {
            String incoming = UUID.randomUUID().toString();
            try (StorageSession s = persistence.open("Sales")) {
                StoredSaga saga = persistence.sagas().find(s, "OrderSaga", "order-1").orElseThrow();
                persistence.sagas().update(s, new StoredSaga(id, "OrderSaga", "order-1",
                        "{\"n\": " + (saga.version() + 1) + "}", saga.version()));
                persistence.outbox().store(s, new OutboxRecord("Sales", incoming, List.of(new OutgoingMessage(
                        UUID.randomUUID().toString(), Map.of("NServiceBus.MessageIntent", "Send"), body,
                        new Destination.Queue("Billing"), null)), false));
                s.commit();
            }
            if (dispatch) {
                persistence.outbox().markDispatched("Sales", incoming);
            }
            count++;
        }
        return count;
    }
}
