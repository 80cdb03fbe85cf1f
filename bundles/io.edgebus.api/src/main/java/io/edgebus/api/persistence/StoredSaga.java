package io.edgebus.api.persistence;

import java.util.UUID;

/**
 * A saga instance as stored: its state as JSON, correlated by one property value.
 *
 * @param version the optimistic-concurrency version read; a write with a stale version fails
 */
public record StoredSaga(UUID id, String sagaType, String correlationValue, String stateJson, long version) {
}
