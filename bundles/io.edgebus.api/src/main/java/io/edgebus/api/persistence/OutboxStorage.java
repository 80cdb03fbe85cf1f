package io.edgebus.api.persistence;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Inbox and outbox: which incoming ids were processed and what they sent. */
@ProviderType
public interface OutboxStorage {
    /** The record of an incoming id processed before, within the retention window. */
    Optional<OutboxRecord> find(StorageSession session, String endpoint, String incomingMessageId);

    /** Stores the record in the session's transaction; fails if the id was stored already. */
    void store(StorageSession session, OutboxRecord record);

    /** Marks the record's operations as dispatched (in its own short transaction). */
    void markDispatched(String endpoint, String incomingMessageId);
}
