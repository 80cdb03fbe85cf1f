package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acks and nacks for the deliveries of one consumer channel. Acks are coalesced into
 * {@code basic.ack(multiple=true)} following {@link AckWindow}'s rule; nacks go out at once, one by
 * one, before their tag leaves the window, so a later multiple ack never covers a tag that is still
 * processing or about to be handed back.
 *
 * <p>When acks are sent: as soon as {@code batch} of them wait, or nothing is processing any more
 * (an idle endpoint leaves nothing unacked). Acks waiting behind a slow message go out one by one
 * once {@code stragglerLimit} of them wait, so a slow handler cannot use up the prefetch.
 */
final class ChannelAcks {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelAcks.class);

    private final Channel channel;
    private final long generation;
    private final AtomicLong currentGeneration;
    private final Object channelLock;
    private final int batch;
    private final int stragglerLimit;
    private final String connectionName;
    private final AckWindow window = new AckWindow(); // guarded by itself

    /**
     * @param currentGeneration the receiver's channel generation; once it moved past {@code generation}
     *                          the channel is gone and its deliveries come back from the broker anyway
     * @param channelLock the receiver's lock for using the channel (it is not safe for concurrent use)
     */
    ChannelAcks(Channel channel, long generation, AtomicLong currentGeneration, Object channelLock, int prefetch,
                String connectionName) {
        this.channel = channel;
        this.generation = generation;
        this.currentGeneration = currentGeneration;
        this.channelLock = channelLock;
        // prefetch 0 means unlimited: then only the broker's work per ack matters.
        int credit = prefetch == 0 ? 256 : prefetch;
        this.batch = Math.max(1, credit / 8);
        this.stragglerLimit = Math.max(batch, credit / 4);
        this.connectionName = connectionName;
    }

    long generation() {
        return generation;
    }

    /** Registers a delivery; the consumer thread calls this in tag order, before it is processed. */
    void delivered(long tag) {
        synchronized (window) {
            window.delivered(tag);
        }
    }

    /** The delivery was processed: ack it, now or with the next batch. */
    void ack(long tag) {
        boolean flush;
        synchronized (window) {
            window.ackLater(tag);
            flush = window.pendingAcks() >= batch || window.nothingUnsettled();
        }
        if (flush) {
            flush();
        }
    }

    /** Hands the delivery back (nack, requeue) at once. */
    void nack(long tag) {
        synchronized (channelLock) {
            if (usable()) {
                try {
                    channel.basicNack(tag, false, true);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("{}: nack of delivery {} failed ({}); the broker will redeliver it", connectionName,
                            tag, BrokerErrors.describe(e));
                }
            }
            // Only now, with the nack written, may a multiple ack pass over this tag.
            forget(tag);
        }
    }

    /** Drops a delivery that needs neither ack nor nack (its channel is gone). */
    void forget(long tag) {
        boolean flush;
        synchronized (window) {
            window.forget(tag);
            // It may have been the last one processing, with acks waiting behind it.
            flush = window.pendingAcks() > 0 && (window.pendingAcks() >= batch || window.nothingUnsettled());
        }
        if (flush) {
            flush();
        }
    }

    /** Sends what the window allows now. */
    void flush() {
        synchronized (channelLock) {
            long upTo;
            List<Long> singles;
            synchronized (window) {
                upTo = window.takeMultipleAck();
                singles = window.pendingAcks() >= stragglerLimit ? window.takeSingleAcks() : List.of();
            }
            if (!usable()) {
                return; // lost with the channel; the broker redelivers them
            }
            try {
                if (upTo >= 0) {
                    channel.basicAck(upTo, true);
                }
                for (long tag : singles) {
                    channel.basicAck(tag, false);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: ack up to delivery {} failed ({}); the broker will redeliver", connectionName,
                        upTo, BrokerErrors.describe(e));
            }
        }
    }

    private boolean usable() {
        return generation == currentGeneration.get() && channel.isOpen();
    }
}
