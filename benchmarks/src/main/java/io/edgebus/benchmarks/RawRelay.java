package io.edgebus.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: the raw client relaying the efficient way. One consumer with prefetch, one
 * publishing channel with confirms handled asynchronously, originals acked (multiple) once every
 * republish below them is confirmed.
 */
final class RawRelay {
    private final Channel in;
    private final Channel out;
    private final boolean singleAcks;
    /** Publish sequence number -> delivery tag of the original; one consumer, so both grow together. */
    private final ConcurrentNavigableMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final Object ackLock = new Object();
    private String consumerTag;

    RawRelay(Connection connection, int prefetch, boolean singleAcks) throws IOException {
        this.singleAcks = singleAcks;
        in = connection.createChannel();
        out = connection.createChannel();
        in.basicQos(prefetch);
        out.confirmSelect();
        out.addConfirmListener(this::confirmed, (seq, multiple) -> {
            throw new IllegalStateException("broker nacked a republish (" + seq + ")");
        });
    }

    void start(String from, String to) throws IOException {
        consumerTag = in.basicConsume(from, false, new DefaultConsumer(in) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                pending.put(out.getNextPublishSeqNo(), envelope.getDeliveryTag());
                out.basicPublish("", to, properties, body);
            }
        });
    }

    long acked() {
        return acked.get();
    }

    void stop() throws Exception {
        in.basicCancel(consumerTag);
        in.close();
        out.close();
    }

    private void confirmed(long seq, boolean multiple) throws IOException {
        long highestTag;
        synchronized (ackLock) {
            if (singleAcks) { // experiment: one basic.ack per message, as EdgeBus' receiver does
                ConcurrentNavigableMap<Long, Long> done = multiple ? pending.headMap(seq, true)
                        : pending.subMap(seq, true, seq, true);
                for (Long tag : done.values()) {
                    in.basicAck(tag, false);
                    acked.incrementAndGet();
                }
                done.clear();
                return;
            }
            if (multiple) {
                ConcurrentNavigableMap<Long, Long> done = pending.headMap(seq, true);
                highestTag = done.isEmpty() ? -1 : done.lastEntry().getValue();
                done.clear();
            } else {
                Long tag = pending.remove(seq);
                highestTag = tag == null ? -1 : tag;
            }
            // Ack (multiple) everything below the oldest original still waiting for its confirm.
            Map.Entry<Long, Long> oldest = pending.firstEntry();
            long upTo = oldest == null ? Math.max(highestTag, acked.get()) : oldest.getValue() - 1;
            if (upTo > acked.get()) {
                in.basicAck(upTo, true);
                acked.set(upTo);
            }
        }
    }
}
