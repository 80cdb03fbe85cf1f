package io.edgebus.transport.rabbitmq;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The delivery tags of one consumer channel and which of them may be acked, so that the receiver
 * can ack many with one {@code basic.ack(multiple=true)} (each single ack costs the broker about as
 * much as routing the message). The rule: a multiple ack up to tag T is only sent when every tag
 * up to T that this window knows is acked-pending; a tag still processing, or one that will be
 * nacked, stays in the window as unsettled and so blocks every multiple ack above it. A nack must be
 * sent (in channel order) before its tag is {@link #forget forgotten}.
 *
 * <p>Tags must be registered in delivery order (the consumer thread does that) before anything
 * settles them; a tag the window has not seen yet is higher than all it has seen. Not thread safe:
 * the receiver guards it.
 */
final class AckWindow {
    /** Tag → true when processed and waiting for its ack, false while still unsettled. */
    private final TreeMap<Long, Boolean> tags = new TreeMap<>();
    private int pendingAcks;

    /** A new delivery, still unsettled. */
    void delivered(long tag) {
        tags.put(tag, Boolean.FALSE);
    }

    /** The delivery was processed and should be acked. */
    void ackLater(long tag) {
        Boolean previous = tags.replace(tag, Boolean.TRUE);
        if (previous == Boolean.FALSE) {
            pendingAcks++;
        }
    }

    /** Drops a tag that needs no ack from here: already nacked on the wire, or lost with its channel. */
    void forget(long tag) {
        if (tags.remove(tag) == Boolean.TRUE) {
            pendingAcks--;
        }
    }

    /** Acks waiting to be sent. */
    int pendingAcks() {
        return pendingAcks;
    }

    /** True when nothing is processing any more (so nothing later would flush the pending acks). */
    boolean nothingUnsettled() {
        return tags.size() == pendingAcks;
    }

    /**
     * The highest tag a multiple ack may cover now (every known tag up to it is acked-pending),
     * removing the covered tags; -1 when the lowest tag is still unsettled.
     */
    long takeMultipleAck() {
        long upTo = -1;
        Iterator<Map.Entry<Long, Boolean>> it = tags.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Boolean> entry = it.next();
            if (!entry.getValue()) {
                break;
            }
            upTo = entry.getKey();
            it.remove();
            pendingAcks--;
        }
        return upTo;
    }

    /**
     * The acked-pending tags above an unsettled one, removed, to be acked one by one: a slow message
     * must not keep the ones after it unacked (they would use up the prefetch and stall the
     * consumer, and be redelivered after a crash).
     */
    List<Long> takeSingleAcks() {
        List<Long> singles = new ArrayList<>(pendingAcks);
        Iterator<Map.Entry<Long, Boolean>> it = tags.entrySet().iterator();
        while (it.hasNext() && pendingAcks > 0) {
            Map.Entry<Long, Boolean> entry = it.next();
            if (entry.getValue()) {
                singles.add(entry.getKey());
                it.remove();
                pendingAcks--;
            }
        }
        return singles;
    }
}
