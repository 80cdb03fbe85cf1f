package io.edgebus.api.persistence;

import java.time.Duration;
import java.util.List;
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

    /**
     * Recovery after a crash between commit and dispatch: claims up to {@code max} undispatched records
     * of {@code endpoint} that were neither stored nor claimed within {@code olderThan}, oldest first.
     * Each claim lasts {@code olderThan}: concurrent callers (other threads or instances) never get the
     * same record, and a record claimed by a caller that died is claimable again once that time passed.
     * The caller dispatches the operations, then calls {@link #markDispatched}; a record may thus be
     * dispatched more than once (at least once), which the receivers' inbox deduplicates.
     *
     * @param olderThan longer than a normal dispatch takes, so records being dispatched are left alone
     * @return the claimed records, empty when there are none; runs in its own short transaction
     */
    List<OutboxRecord> claimUndispatched(String endpoint, Duration olderThan, int max);
}
