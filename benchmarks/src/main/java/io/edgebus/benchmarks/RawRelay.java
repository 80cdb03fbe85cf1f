package io.edgebus.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: the raw client relaying the efficient way. One consumer with prefetch, one
 * publishing channel with confirms handled asynchronously, originals acked (multiple) once every
 * republish below them is confirmed. With an audit queue it also publishes, on the same channel, a
 * copy of each original with the headers an audit copy adds, and acks once both are confirmed: the
 * same broker work as an endpoint with audit on, without EdgeBus.
 */
final class RawRelay {
    private final Channel in;
    private final Channel out;
    private final boolean singleAcks;
    private final String audit;
    /** Publish sequence number -> delivery tag of the original; one consumer, so both grow together. */
    private final ConcurrentNavigableMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final Object ackLock = new Object();
    private String consumerTag;

    /** {@code audit}: the queue for a copy of every original, or null for none. */
    RawRelay(Connection connection, int prefetch, boolean singleAcks, String audit) throws IOException {
        if (singleAcks && audit != null) {
            // Both publishes of an original map to its tag: acking per publish would ack it twice.
            throw new IllegalArgumentException("--raw-acks single does not combine with an audit copy");
        }
        this.singleAcks = singleAcks;
        this.audit = audit;
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
                long started = System.currentTimeMillis();
                pending.put(out.getNextPublishSeqNo(), envelope.getDeliveryTag());
                out.basicPublish("", to, properties, body);
                if (audit != null) {
                    // Both publishes map to the original's tag: it is acked when neither is pending.
                    pending.put(out.getNextPublishSeqNo(), envelope.getDeliveryTag());
                    out.basicPublish("", audit, true, auditProperties(properties, started), body);
                }
            }
        });
    }

    /** The original's properties plus what an NServiceBus audit copy adds (as EdgeBus' AuditCopy does). */
    private static AMQP.BasicProperties auditProperties(AMQP.BasicProperties original, long started) {
        Map<String, Object> headers = new HashMap<>(original.getHeaders());
        String now = Instant.ofEpochMilli(System.currentTimeMillis()).toString();
        headers.put("NServiceBus.ProcessingStarted", Instant.ofEpochMilli(started).toString());
        headers.put("NServiceBus.ProcessingEnded", now);
        headers.put("NServiceBus.ProcessingEndpoint", "BenchRawRelay");
        headers.put("NServiceBus.ProcessingMachine", "bench-host");
        headers.put("$.diagnostics.hostid", "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f");
        headers.put("$.diagnostics.hostdisplayname", "bench-host");
        return original.builder().headers(headers).build();
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
