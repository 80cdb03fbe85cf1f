package io.edgebus.core.internal;

import io.edgebus.api.transport.OutgoingMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of one successful attempt: marks when processing ended, adds the audit copy to what the
 * handlers sent (so it goes out in the same dispatch), and counts the message once the dispatch
 * succeeded.
 */
final class Completion {
    private final Endpoint endpoint;
    private final Contexts.Receive context;
    private Instant ended;
    private long endedNanos;

    Completion(Endpoint endpoint, Contexts.Receive context) {
        this.endpoint = endpoint;
        this.context = context;
    }

    /** Marks the end of processing; returns {@code sent} plus the audit copy when audit is on. */
    List<OutgoingMessage> finish(List<OutgoingMessage> sent) {
        ended = Instant.now();
        endedNanos = System.nanoTime();
        PlatformSettings platform = endpoint.platform();
        if (!platform.audit()) {
            return sent;
        }
        List<OutgoingMessage> all = new ArrayList<>(sent.size() + 1);
        all.addAll(sent);
        all.add(AuditCopy.of(context.message().headers(), context.messageId(), context.message().body(),
                context.started(), ended, endpoint.host(), platform.auditQueue()));
        return all;
    }

    boolean finished() {
        return ended != null;
    }

    /** The message's sends (and audit copy) are confirmed: count it. */
    void succeeded() {
        if (ended == null) {
            ended = Instant.now();
            endedNanos = System.nanoTime();
        }
        long micros = ended.getEpochSecond() * 1_000_000L + ended.getNano() / 1_000;
        endpoint.meter().succeeded(context.message(), context.startedNanos(), endedNanos, micros);
    }
}
