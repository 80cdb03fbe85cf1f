package io.edgebus.transport.asb;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A mutex held in the broker, for topology changes that endpoint instances (in other processes)
 * must not interleave: the consumer of a queue that admits one consumer. A holder whose connection
 * dies loses its consumer, so a crashed process cannot keep the lock.
 */
final class BrokerLock {
    static final String QUEUE = "edgebus.topology.lock";
    private static final long WAIT_MS = 30_000;

    private BrokerLock() {
    }

    static void run(Connection connection, Runnable action) {
        ArtemisManagement.require(connection, null, "broker", "createQueue", "{\"name\":\"" + QUEUE + "\",\"address\":\""
                + QUEUE + "\",\"routing-type\":\"ANYCAST\",\"durable\":true,\"max-consumers\":1}", true);
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer holder = null;
            for (int attempt = 0; holder == null; attempt++) {
                try {
                    holder = session.createConsumer(session.createQueue(QUEUE));
                } catch (JMSException taken) {
                    if (System.nanoTime() > deadline) {
                        throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE,
                                "the broker's topology lock stayed taken for " + WAIT_MS + " ms", taken);
                    }
                    // Growing pauses: each refused consumer is a round trip and a warning in the client's log.
                    long pause = Math.min(500, 10L << Math.min(attempt, 6));
                    Thread.sleep(pause + ThreadLocalRandom.current().nextLong(pause));
                }
            }
            try {
                action.run();
            } finally {
                holder.close();
            }
        } catch (JMSException e) {
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "topology lock: " + ConnectionSupervisor.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "interrupted waiting for the topology lock", e);
        }
    }
}
