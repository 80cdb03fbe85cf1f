package io.edgebus.benchmarks.shop;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays ClientUI: sends PlaceOrder to Sales the way an EdgeBus or NServiceBus endpoint does, and
 * sees each order complete through the RaffleOrderCompleted event Sales publishes when the saga ends
 * (every benchmark order is in the raffle campaign, so every completion is announced).
 */
final class OrderDriver implements AutoCloseable {
    static final String PLACE_ORDER = "io.edgebus.booth.contracts.PlaceOrder";
    static final String COMPLETED = "io.edgebus.booth.contracts.RaffleOrderCompleted";
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    private final Connection connection;
    private final Channel send;
    private final String campaign;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();

    OrderDriver(String host, String vhost, String campaign) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setVirtualHost(vhost);
        connection = f.newConnection("edgebus-shop-bench");
        this.campaign = campaign;
        send = connection.createChannel();
        send.confirmSelect();
        Channel listen = connection.createChannel();
        // Same declaration as the transport's (a fanout exchange per event type), so either may go first.
        listen.exchangeDeclare(COMPLETED, BuiltinExchangeType.FANOUT, true);
        String queue = listen.queueDeclare("", false, true, true, null).getQueue();
        listen.queueBind(queue, COMPLETED, "");
        listen.basicConsume(queue, true, (tag, d) -> {
            long now = System.nanoTime();
            Matcher m = ORDER_ID.matcher(new String(d.getBody(), StandardCharsets.UTF_8));
            if (m.find()) {
                completedAt.putIfAbsent(m.group(1), now);
            }
        }, tag -> { });
    }

    /** Publishes one order to Sales' exchange; the broker's confirms are awaited in batches by {@link #flush}. */
    void place() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> headers = Map.of("NServiceBus.MessageId", messageId,
                "NServiceBus.EnclosedMessageTypes", PLACE_ORDER, "NServiceBus.ContentType", "application/json",
                "NServiceBus.MessageIntent", "Send", "NServiceBus.ConversationId", UUID.randomUUID().toString());
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2)
                .contentType("application/json").headers(headers).build();
        byte[] body = ("{\"orderId\":\"" + orderId + "\",\"campaign\":\"" + campaign + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        sentAt.put(orderId, System.nanoTime());
        send.basicPublish("Sales", "", true, props, body);
    }

    void flush() throws Exception {
        send.waitForConfirmsOrDie(60_000);
    }

    int completed() {
        return completedAt.size();
    }

    /** Waits until {@code count} orders completed; false on timeout. */
    boolean awaitCompleted(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (completed() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    long firstSent() {
        return sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    long lastCompleted() {
        return completedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Completion latency of every completed order, in ms, sorted. */
    double[] latenciesMs() {
        return completedAt.entrySet().stream().filter(e -> sentAt.containsKey(e.getKey()))
                .mapToDouble(e -> (e.getValue() - sentAt.get(e.getKey())) / 1e6).sorted().toArray();
    }

    void reset() {
        sentAt.clear();
        completedAt.clear();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
