package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

class BrokerLockIT {
    @Test
    void holdersOnSeparateConnectionsNeverOverlapAndAllGetTheirTurn() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis()) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            AtomicInteger turns = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Connection c = new JmsConnectionFactory(broker.uri()).createConnection();
                c.start();
                connections.add(c);
                threads.add(new Thread(() -> {
                    for (int turn = 0; turn < 3; turn++) {
                        BrokerLock.run(c, () -> {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            inside.decrementAndGet();
                            turns.incrementAndGet();
                        });
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            for (Connection c : connections) {
                c.close();
            }
            assertEquals(1, most.get(), "never two holders at once");
            assertEquals(12, turns.get());
        }
    }
}
