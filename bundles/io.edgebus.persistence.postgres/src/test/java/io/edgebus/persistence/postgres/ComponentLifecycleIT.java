package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.persistence.OutboxRecord;
import io.edgebus.api.persistence.StorageSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ComponentLifecycleIT {
    private static final String SCHEMA = TestDatabase.uniqueSchema(ComponentLifecycleIT.class);

    @AfterAll
    static void dropSchema() throws Exception {
        TestDatabase.dropSchema(SCHEMA);
    }

    private static long connections(String name) throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                + "'edgebus-persistence:" + name + "'");
    }

    private static boolean cleanupThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(PostgresPersistence.threadName(name)));
    }

    @Test
    void whenDeactivated_thenNoThreadAndNoConnectionRemain() throws Exception {
        String name = TestDatabase.uniqueName("lifecycle");
        PostgresPersistenceComponent component = new PostgresPersistenceComponent(SettingsTest.config(Map.of(
                "persistence_name", name, "jdbcUrl", TestDatabase.URL, "username", TestDatabase.USER,
                "schema", SCHEMA, "cleanupIntervalSeconds", 1)));
        try (StorageSession s = component.open("Sales")) {
            component.outbox().store(s, new OutboxRecord("Sales", "m-1", List.of(), true));
            s.commit();
            Thread.sleep(1_200); // let the cleanup thread run a round on its own connection
            assertTrue(cleanupThreadAlive(name));
            assertTrue(connections(name) > 0);
        } finally {
            component.deactivate();
        }

        assertFalse(cleanupThreadAlive(name), "the cleanup thread survived deactivation");
        // A backend leaves pg_stat_activity a moment after its client closed the socket.
        long deadline = System.currentTimeMillis() + 5_000;
        while (connections(name) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, connections(name), "connections left open after deactivation");
        assertThrows(RuntimeException.class, () -> component.open("Sales"));
    }

    @Test
    void whenRetentionIsShorterThanErrorRetryWindow_thenActivationFailsNamingTheField() throws Exception {
        String name = TestDatabase.uniqueName("invalid");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PostgresPersistenceComponent(SettingsTest.config(Map.of("persistence_name", name,
                        "jdbcUrl", TestDatabase.URL, "username", TestDatabase.USER, "schema", SCHEMA,
                        "outboxRetentionHours", 1L, "errorRetryWindowHours", 24L))));
        assertTrue(e.getMessage().startsWith("outboxRetentionHours"), e.getMessage());
        assertEquals(0, connections(name), "rejected before connecting");
    }
}
