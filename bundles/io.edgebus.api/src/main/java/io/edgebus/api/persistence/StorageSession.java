package io.edgebus.api.persistence;

import org.osgi.annotation.versioning.ProviderType;

/** One local transaction. Closing without {@link #commit()} rolls back. */
@ProviderType
public interface StorageSession extends AutoCloseable {
    void commit();

    /** The underlying resource (a {@code java.sql.Connection}) for handlers that share the transaction. */
    <T> T unwrap(Class<T> type);

    @Override
    void close();
}
