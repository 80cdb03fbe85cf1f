package io.edgebus.itest;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * An Apache ActiveMQ Artemis broker in the test JVM (AMQP 1.0 on a random free port, journal in a
 * temp dir), with a plain Qpid JMS client for the test's own sends and receives.
 */
final class LocalArtemis implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final ConfigurationImpl config;
    private EmbeddedActiveMQ server;
    private final Connection client;

    LocalArtemis() throws Exception {
        dir = Files.createTempDirectory("edgebus-itest-artemis");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        config = new ConfigurationImpl().setName("itest").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        client = new JmsConnectionFactory(uri() + "?jms.validatePropertyNames=false").createConnection();
        client.start();
    }

    /** Stops the broker (its clients see the connection drop); {@link #restart} brings it back on the same port and journal. */
    synchronized void stop() throws Exception {
        server.stop();
    }

    synchronized void restart() throws Exception {
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
    }

    /** A message taken from a queue. */
    record Received(byte[] body, Map<String, Object> properties) {
    }

    /** Takes every message now in {@code queue}, on a connection of its own (it works across a restart). */
    java.util.List<Received> drain(String queue) throws JMSException {
        java.util.List<Received> bodies = new java.util.ArrayList<>();
        try (Connection c = new JmsConnectionFactory(uri() + "?jms.validatePropertyNames=false").createConnection()) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message m = consumer.receive(500); m != null; m = consumer.receive(200)) {
                bodies.add(new Received(body(m), properties(m)));
            }
        }
        return bodies;
    }

    String uri() {
        return "amqp://127.0.0.1:" + port;
    }

    /** Open client connections, the test's own included. */
    int connectionCount() {
        return server.getActiveMQServer().getConnectionCount();
    }

    /** Sends raw bytes with string application properties, as a foreign sender would. */
    void send(String queue, byte[] body, Map<String, String> properties) throws JMSException {
        try (Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            var message = session.createBytesMessage();
            message.writeBytes(body);
            for (var p : properties.entrySet()) {
                message.setStringProperty(p.getKey(), p.getValue());
            }
            producer.send(message);
        }
    }

    /** Calls {@code onMessage} with the body and properties of every message arriving in {@code queue}. */
    void consume(String queue, MessageSink onMessage) throws JMSException {
        Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(m -> {
            try {
                onMessage.accept(body(m), properties(m));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface MessageSink {
        void accept(byte[] body, Map<String, Object> properties) throws Exception;
    }

    private static byte[] body(Message m) throws JMSException {
        return m.getBody(byte[].class);
    }

    private static Map<String, Object> properties(Message m) throws JMSException {
        Map<String, Object> props = new HashMap<>();
        for (Enumeration<?> e = m.getPropertyNames(); e.hasMoreElements(); ) {
            String name = (String) e.nextElement();
            props.put(name, m.getObjectProperty(name));
        }
        return props;
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
        } catch (JMSException gone) {
            // its broker was restarted under it
        }
        server.stop();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
