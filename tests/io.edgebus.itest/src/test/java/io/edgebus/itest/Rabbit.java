package io.edgebus.itest;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The test's own raw client of the real broker, and rabbitmqctl for what only the broker knows. */
final class Rabbit implements AutoCloseable {
    static final String THREAD_PREFIX = "itest-driver-";
    private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
    private final Connection connection;
    private final Channel channel;

    Rabbit() throws Exception {
        this("/");
    }

    /** On a virtual host of its own (see {@link #addVhost}). */
    Rabbit(String vhost) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("localhost");
        f.setVirtualHost(vhost);
        f.setThreadFactory(r -> new Thread(r, THREAD_PREFIX + THREADS.incrementAndGet()));
        connection = f.newConnection("itest-driver");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    /** A queue with a same-named fanout exchange, as EdgeBus routes to a queue. */
    void declareQueue(String name) throws IOException {
        channel.queueDeclare(name, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.exchangeDeclare(name, "fanout", true);
        channel.queueBind(name, name, "");
    }

    void deleteQueue(String name) throws IOException {
        channel.queueDelete(name);
        channel.exchangeDelete(name);
    }

    void purge(String name) throws IOException {
        channel.queuePurge(name);
    }

    /** Sends a JSON command the way an EdgeBus or NServiceBus endpoint would. */
    void sendJson(String exchange, String type, String messageId, String json) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("NServiceBus.MessageId", messageId);
        headers.put("NServiceBus.EnclosedMessageTypes", type);
        headers.put("NServiceBus.ContentType", "application/json");
        headers.put("NServiceBus.MessageIntent", "Send");
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2)
                .contentType("application/json").headers(headers).build();
        channel.basicPublish(exchange, "", true, props, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The confirming channel, for raw publishes the helpers do not cover. */
    Channel channel() {
        return channel;
    }

    void awaitConfirms() throws Exception {
        channel.waitForConfirmsOrDie(30_000);
    }

    /**
     * Consumes a queue into the callback on the client's thread, acking after the callback so that
     * a dropped connection cannot lose a result on the wire.
     */
    String consume(String queue, DeliverCallback callback) throws IOException {
        Channel c = connection.createChannel();
        c.basicQos(500);
        return c.basicConsume(queue, false, (tag, d) -> {
            callback.handle(tag, d);
            c.basicAck(d.getEnvelope().getDeliveryTag(), false);
        }, tag -> { });
    }

    com.rabbitmq.client.GetResponse get(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    boolean isOpen() {
        return connection.isOpen() && channel.isOpen();
    }

    long consumerCount(String queue) throws IOException {
        return channel.consumerCount(queue);
    }

    long messageCount(String queue) throws IOException {
        return channel.messageCount(queue);
    }

    /** The broker's view of one queue: ready and unacknowledged messages. */
    static long[] queueCounts(String queue) throws Exception {
        for (String line : rabbitmqctl("list_queues", "-q", "--no-table-headers", "name", "messages_ready",
                "messages_unacknowledged")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 3 && cols[0].equals(queue)) {
                return new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])};
            }
        }
        throw new AssertionError("queue " + queue + " not found");
    }

    /** Open connections whose client-provided name starts with the prefix, and their channel counts. */
    static Map<String, Integer> connections(String namePrefix) throws Exception {
        Map<String, Integer> result = new HashMap<>();
        for (String line : rabbitmqctl("list_connections", "-q", "--no-table-headers", "client_properties",
                "channels")) {
            int at = line.indexOf("\"connection_name\",\"");
            if (at < 0) {
                continue;
            }
            String rest = line.substring(at + 19);
            String name = rest.substring(0, rest.indexOf('"'));
            if (name.startsWith(namePrefix)) {
                String[] cols = line.trim().split("\\s+");
                result.merge(name, Integer.parseInt(cols[cols.length - 1]), Integer::sum);
            }
        }
        return result;
    }

    /**
     * A virtual host for one test run, open to guest: events are routed by type across the whole
     * virtual host, so a shop of another run on the shared broker would otherwise receive ours.
     */
    static void addVhost(String vhost) throws Exception {
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    /** Deletes the virtual host with everything in it. */
    static void deleteVhost(String vhost) throws Exception {
        rabbitmqctl("delete_vhost", vhost);
    }

    static List<String> rabbitmqctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("rabbitmqctl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
        }
        return List.of(out.split("\n"));
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
