package io.edgebus.transport.asb;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A real Apache ActiveMQ Artemis broker in this JVM, speaking AMQP 1.0 on a random free port with
 * its journal in a temp dir. It can be stopped and started again on the same port and journal,
 * which is how the reconnect tests take the broker away.
 */
final class EmbeddedArtemis implements AutoCloseable {
    private final Path dir;
    private final int port;
    private EmbeddedActiveMQ server;

    EmbeddedArtemis() throws Exception {
        this.dir = Files.createTempDirectory("edgebus-artemis");
        this.port = freePort();
        start();
    }

    String uri() {
        return "amqp://127.0.0.1:" + port;
    }

    synchronized void start() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("edgebus-test")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        // Artemis' defaults (max-delivery-attempts 10, no dead-letter address): the transport must
        // set its queues' limit out of the way itself.
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
    }

    synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Messages waiting in a queue, as the broker counts them. */
    long messageCount(String queue) {
        var q = server.getActiveMQServer().locateQueue(queue);
        return q == null ? -1 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
