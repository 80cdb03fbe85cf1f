package io.edgebus.api.persistence;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Saga state, with optimistic concurrency. */
@ProviderType
public interface SagaStorage {
    Optional<StoredSaga> find(StorageSession session, String sagaType, String correlationValue);

    /** Inserts a new saga; fails with {@link ConcurrencyException} if one with that correlation exists. */
    void insert(StorageSession session, StoredSaga saga);

    /** Updates state if the stored version still equals {@code saga.version()}. */
    void update(StorageSession session, StoredSaga saga);

    /** Deletes a completed saga if the stored version still equals {@code saga.version()}. */
    void complete(StorageSession session, StoredSaga saga);
}
