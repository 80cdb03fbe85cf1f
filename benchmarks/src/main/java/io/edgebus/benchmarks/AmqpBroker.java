package io.edgebus.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * The AMQP 1.0 side of the bridge benchmark: Apache ActiveMQ Artemis in the driver's JVM (persistent
 * journal in a temp dir, AMQP on a free port), as the tests embed it in place of Azure Service Bus.
 */
final class AmqpBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final EmbeddedActiveMQ server;

    AmqpBroker() throws Exception {
        dir = Files.createTempDirectory("edgebus-bench-artemis");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var config = new ConfigurationImpl().setName("bench").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
    }

    String uri() {
        return "amqp://127.0.0.1:" + port;
    }

    Connection connect() throws JMSException {
        Connection c = new JmsConnectionFactory(uri() + "?jms.validatePropertyNames=false").createConnection();
        c.start();
        return c;
    }

    /** Counts what arrives in {@code queue}, noting when the {@code mark}-th and the {@code total}-th arrived. */
    static final class Arrivals {
        final AtomicLong count = new AtomicLong();
        volatile long markNanos;
        volatile long lastNanos;

        Arrivals(Connection connection, String queue, long mark, long total) throws JMSException {
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            consumer.setMessageListener(m -> {
                long n = count.incrementAndGet();
                if (n == mark) {
                    markNanos = System.nanoTime();
                }
                if (n == total) {
                    lastNanos = System.nanoTime();
                }
            });
        }

        /** Messages per second between the mark and the last, or 0 while not all arrived. */
        double rate(long mark, long total) {
            return lastNanos == 0 ? 0 : (total - mark) / ((lastNanos - markNanos) / 1e9);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
