package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MigrationIT {
    private static final String SCHEMA = TestDatabase.uniqueSchema(MigrationIT.class);

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabase.dropSchema(SCHEMA + "_seq");
        TestDatabase.dropSchema(SCHEMA + "_par");
    }

    @Test
    void whenActivatedTwice_thenEachVersionIsAppliedOnce() throws Exception {
        String schema = SCHEMA + "_seq";
        new PostgresPersistence(TestDatabase.settings("migration-seq", schema)).close();
        new PostgresPersistence(TestDatabase.settings("migration-seq", schema)).close();
        assertEquals(SchemaMigration.latestVersion(),
                TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".schema_version"));
        assertEquals(2, TestDatabase.queryLong("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_schema = '" + schema + "' AND table_name IN ('saga', 'outbox')"));
    }

    @Test
    void whenThreeInstancesStartAtOnce_thenAllActivateAndTheSchemaIsMigratedOnce() throws Exception {
        String schema = SCHEMA + "_par";
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<PostgresPersistence>> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "migration-par-" + i;
                started.add(threads.submit(() -> {
                    go.await();
                    return new PostgresPersistence(TestDatabase.settings(name, schema));
                }));
            }
            go.countDown();
            for (Future<PostgresPersistence> f : started) {
                f.get(30, TimeUnit.SECONDS).close();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(SchemaMigration.latestVersion(),
                TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".schema_version"));
    }
}
