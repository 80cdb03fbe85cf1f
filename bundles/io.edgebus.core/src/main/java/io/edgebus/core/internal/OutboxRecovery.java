package io.edgebus.core.internal;

import io.edgebus.api.persistence.OutboxRecord;
import io.edgebus.api.persistence.Persistence;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches outbox records that were committed but never dispatched: the process died between
 * commit and dispatch and the incoming message will not come back to do it (it usually does: a
 * redelivered message finds its record and dispatches it). Records are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so the instances of an endpoint share the work without waiting.
 */
final class OutboxRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRecovery.class);
    static final int BATCH = 100;

    private final Endpoint endpoint;
    private final Duration olderThan;
    private boolean failing;

    OutboxRecovery(Endpoint endpoint, Duration olderThan) {
        this.endpoint = endpoint;
        this.olderThan = olderThan;
    }

    /** One pass: claims and dispatches batches until none is left; returns how many records. */
    int run() {
        Persistence persistence = endpoint.persistence();
        String name = endpoint.settings().name();
        if (persistence == null || endpoint.isStopping()) {
            return 0;
        }
        int recovered = 0;
        try {
            List<OutboxRecord> claimed;
            do {
                claimed = persistence.outbox().claimUndispatched(name, olderThan, BATCH);
                for (OutboxRecord record : claimed) {
                    if (!record.operations().isEmpty()) {
                        endpoint.transport().dispatch(record.operations());
                    }
                    persistence.outbox().markDispatched(name, record.incomingMessageId());
                    recovered++;
                }
            } while (claimed.size() == BATCH && !endpoint.isStopping());
            if (failing) {
                LOG.info("{}: outbox recovery works again", name);
                failing = false;
            }
        } catch (RuntimeException e) {
            // A claimed record not marked dispatched is claimable again after olderThan.
            if (!failing) {
                LOG.warn("{}: outbox recovery failed, trying again in {} s: {}", name, olderThan.toSeconds(), e.toString());
                failing = true;
            }
        }
        if (recovered > 0) {
            LOG.info("{}: dispatched {} outbox record(s) left undispatched for more than {} s", name, recovered,
                    olderThan.toSeconds());
        }
        return recovered;
    }
}
