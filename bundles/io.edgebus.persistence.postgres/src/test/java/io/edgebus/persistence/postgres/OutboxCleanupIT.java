package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxCleanupIT {
    private static final String SCHEMA = TestDatabase.uniqueSchema(OutboxCleanupIT.class);
    private static PostgresPersistence persistence;

    @BeforeAll
    static void start() {
        persistence = new PostgresPersistence(TestDatabase.settings(TestDatabase.uniqueName("cleanup"), SCHEMA,
                Duration.ofDays(7), Duration.ofDays(2), 2));
    }

    @AfterAll
    static void stop() throws Exception {
        persistence.close();
        TestDatabase.dropSchema(SCHEMA);
    }

    /** 5 dispatched past retention, 2 dispatched recently, 2 undispatched and old: only the first 5 may go. */
    @BeforeEach
    void records() throws Exception {
        String t = SCHEMA + ".outbox";
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + t);
            st.execute("INSERT INTO " + t + " (endpoint, message_id, operations, dispatched, dispatched_at, created_at)"
                    + " SELECT 'Sales', 'expired-' || i, '[]', true, now() - interval '8 days', now() - interval '8 days'"
                    + " FROM generate_series(1, 5) i");
            st.execute("INSERT INTO " + t + " (endpoint, message_id, operations, dispatched, dispatched_at, created_at)"
                    + " SELECT 'Sales', 'recent-' || i, '[]', true, now() - interval '6 days', now() - interval '6 days'"
                    + " FROM generate_series(1, 2) i");
            st.execute("INSERT INTO " + t + " (endpoint, message_id, operations, created_at)"
                    + " SELECT 'Sales', 'pending-' || i, '[]', now() - interval '30 days' FROM generate_series(1, 2) i");
        }
    }

    private static long count(String prefix) throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM " + SCHEMA + ".outbox WHERE message_id LIKE '" + prefix + "%'");
    }

    @Test
    void deletesOnlyDispatchedRecordsPastRetentionInBatches() throws Exception {
        assertEquals(new OutboxCleanup.Result(true, 5, 3), persistence.cleanup().runOnce());
        assertEquals(0, count("expired-"));
        assertEquals(2, count("recent-"));
        assertEquals(2, count("pending-"));
        assertEquals(new OutboxCleanup.Result(true, 0, 0), persistence.cleanup().runOnce());
    }

    @Test
    void whenAnotherInstanceHoldsTheLock_thenThisOneSkips() throws Exception {
        try (Connection other = TestDatabase.connect(); Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + AdvisoryLocks.CLEANUP + ", " + AdvisoryLocks.key(SCHEMA) + ")");
            assertEquals(new OutboxCleanup.Result(false, 0, 0), persistence.cleanup().runOnce());
            assertEquals(5, count("expired-"));
            st.execute("SELECT pg_advisory_unlock(" + AdvisoryLocks.CLEANUP + ", " + AdvisoryLocks.key(SCHEMA) + ")");
        }
        assertEquals(5, persistence.cleanup().runOnce().deleted());
    }
}
