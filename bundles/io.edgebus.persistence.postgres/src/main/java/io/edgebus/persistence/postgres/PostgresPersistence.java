package io.edgebus.persistence.postgres;

import io.edgebus.api.persistence.OutboxStorage;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.persistence.SagaStorage;
import io.edgebus.api.persistence.StorageSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistence proper, free of OSGi so tests can run it directly: migrates the schema when started,
 * owns the pool and the cleanup thread, and releases both when closed.
 */
final class PostgresPersistence implements Persistence, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresPersistence.class);

    private final Settings settings;
    private final ConnectionPool pool;
    private final PgSagaStorage sagas;
    private final PgOutboxStorage outbox;
    private final OutboxCleanup cleanup;
    private final ScheduledExecutorService scheduler;
    private volatile Thread cleanupThread; // the scheduler's one thread, joined on close

    /** Migrates the schema and starts the cleanup; throws (leaving nothing open) if the database refuses. */
    PostgresPersistence(Settings settings) {
        this.settings = settings;
        pool = new ConnectionPool(settings);
        try {
            Connection c = pool.borrow(true);
            try {
                SchemaMigration.migrate(c, settings.schema());
            } finally {
                pool.release(c);
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e instanceof RuntimeException re ? re
                    : StorageFailure.of("migrating schema " + settings.schema(), (SQLException) e);
        }
        sagas = new PgSagaStorage(settings.schema());
        outbox = new PgOutboxStorage(pool, settings.schema());
        cleanup = new OutboxCleanup(pool, settings.schema(), settings.retention(), settings.cleanupBatchSize());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName(settings.name()));
            t.setDaemon(true);
            cleanupThread = t;
            return t;
        });
        long interval = settings.cleanupInterval().toMillis();
        scheduler.scheduleWithFixedDelay(cleanup::runLogged, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("persistence {} ready: {}", settings.name(), settings);
    }

    static String threadName(String persistenceName) {
        return "edgebus-persistence-cleanup-" + persistenceName;
    }

    @Override
    public StorageSession open(String endpoint) {
        return new PgSession(pool, endpoint);
    }

    @Override
    public OutboxStorage outbox() {
        return outbox;
    }

    @Override
    public SagaStorage sagas() {
        return sagas;
    }

    OutboxCleanup cleanup() {
        return cleanup;
    }

    /** Stops the cleanup thread (waiting for a running round), then closes every connection. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(settings.connectionTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("persistence {}: the cleanup thread did not stop in time", settings.name());
            }
            Thread ended = cleanupThread;
            if (ended != null) {
                ended.join(1_000); // terminated means its last task is done, not that the thread is gone
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
        LOG.info("persistence {} closed", settings.name());
    }
}
