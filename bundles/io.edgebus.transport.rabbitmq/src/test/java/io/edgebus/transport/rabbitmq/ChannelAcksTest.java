package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ack-coalescing rule against a channel that plays the broker's bookkeeping of unacked tags. */
class ChannelAcksTest {
    private final Object channelLock = new Object();
    private final AtomicLong generation = new AtomicLong();
    /** What went over the wire, e.g. "ack 5 multiple", "nack 3". */
    private final List<String> wire = Collections.synchronizedList(new ArrayList<>());
    /** Tags the broker still counts as unacked. */
    private final TreeSet<Long> unacked = new TreeSet<>();
    /** Tags whose processing ended with ack() (only those may be acked). */
    private final Set<Long> processed = ConcurrentHashMap.newKeySet();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private final Channel channel = (Channel) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Channel.class}, (proxy, method, args) -> switch (method.getName()) {
                case "isOpen" -> true;
                case "basicAck" -> {
                    long tag = (Long) args[0];
                    boolean multiple = (Boolean) args[1];
                    wire.add("ack " + tag + (multiple ? " multiple" : ""));
                    Set<Long> covered = multiple ? new TreeSet<>(unacked.headSet(tag, true)) : Set.of(tag);
                    for (long t : covered) {
                        if (!processed.contains(t)) {
                            violations.add("ack " + tag + " covered unsettled or handed-back tag " + t);
                        }
                    }
                    if (!multiple && !unacked.contains(tag)) {
                        violations.add("ack of unknown tag " + tag);
                    }
                    unacked.removeAll(covered);
                    yield null;
                }
                case "basicNack" -> {
                    long tag = (Long) args[0];
                    wire.add("nack " + tag);
                    if (!unacked.remove(tag)) {
                        violations.add("nack of tag " + tag + " that was already acked");
                    }
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private ChannelAcks acks(int prefetch) {
        return new ChannelAcks(channel, generation.get(), generation, channelLock, prefetch, "test");
    }

    private void deliver(ChannelAcks acks, long... tags) {
        for (long tag : tags) {
            synchronized (channelLock) {
                unacked.add(tag);
            }
            acks.delivered(tag);
        }
    }

    private void ack(ChannelAcks acks, long tag) {
        processed.add(tag);
        acks.ack(tag);
    }

    @Test
    void acksGoOutAsOneMultipleAckPerBatch() {
        ChannelAcks acks = acks(16); // batch 2
        deliver(acks, 1, 2, 3, 4, 5);
        ack(acks, 1);
        assertEquals(List.of(), wire, "one pending ack waits for the batch");
        ack(acks, 2);
        assertEquals(List.of("ack 2 multiple"), wire);
        ack(acks, 3);
        ack(acks, 4);
        ack(acks, 5);
        assertEquals(List.of("ack 2 multiple", "ack 4 multiple", "ack 5 multiple"), wire,
                "the last one goes out at once: nothing else is processing");
    }

    @Test
    void aNackGoesOutFirstAndTheMultipleAckThenPassesOverIt() {
        ChannelAcks acks = acks(16);
        deliver(acks, 1, 2, 3);
        ack(acks, 2);
        ack(acks, 3);
        assertEquals(List.of(), wire, "1 is still processing: nothing may be acked over it");
        acks.nack(1);
        assertEquals(List.of("nack 1", "ack 3 multiple"), wire);
        assertTrue(violations.isEmpty(), violations.toString());
    }

    @Test
    void acksWaitingBehindASlowMessageGoOutOneByOneAtTheLimit() {
        ChannelAcks acks = acks(16); // batch 2, straggler limit 4
        deliver(acks, 1, 2, 3, 4, 5, 6);
        ack(acks, 2);
        ack(acks, 3);
        ack(acks, 4);
        assertEquals(List.of(), wire);
        ack(acks, 5);
        assertEquals(List.of("ack 2", "ack 3", "ack 4", "ack 5"), wire);
        ack(acks, 1);
        ack(acks, 6);
        assertEquals("ack 6 multiple", wire.get(wire.size() - 1));
        assertTrue(unacked.isEmpty());
    }

    @Test
    void afterTheChannelWentDownNothingIsSent() {
        ChannelAcks acks = acks(16);
        deliver(acks, 1, 2);
        generation.incrementAndGet();
        ack(acks, 1);
        acks.nack(2);
        assertEquals(List.of(), wire, "the broker redelivers both");
    }

    @Test
    void concurrentWorkersNeverAckAnUnsettledOrHandedBackTag() throws Exception {
        for (int prefetch : new int[] {1, 8, 100, 0}) {
            ChannelAcks acks = acks(prefetch);
            long base = prefetch * 100_000L + 1_000_000; // fresh tags: the processed set spans the rounds
            int count = 5_000;
            ExecutorService workers = Executors.newFixedThreadPool(8);
            for (long tag = base + 1; tag <= base + count; tag++) {
                deliver(acks, tag);
                long mine = tag;
                workers.execute(() -> {
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        Thread.yield();
                    }
                    if (ThreadLocalRandom.current().nextInt(20) == 0) {
                        acks.nack(mine);
                    } else {
                        ack(acks, mine);
                    }
                });
            }
            workers.shutdown();
            assertTrue(workers.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(violations.isEmpty(), "prefetch " + prefetch + ": " + violations);
            synchronized (channelLock) {
                assertEquals(Set.of(), unacked, "prefetch " + prefetch + ": every tag settled on the wire");
            }
        }
    }
}
