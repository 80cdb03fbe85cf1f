package io.edgebus.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The relayed messages: NServiceBus-format headers, a JSON body of a fixed size. */
final class BenchMessages {
    private static final java.time.format.DateTimeFormatter TIME_SENT = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss:SSSSSS 'Z'").withZone(java.time.ZoneOffset.UTC);
    private final int bodyBytes;
    private final boolean fullHeaders;

    BenchMessages(int bodyBytes) {
        this(bodyBytes, true);
    }

    /**
     * {@code fullHeaders}: the headers an NServiceBus (or EdgeBus) sender puts on every message, as
     * messages in such a system arrive; otherwise only the four a handler needs.
     */
    BenchMessages(int bodyBytes, boolean fullHeaders) {
        this.bodyBytes = bodyBytes;
        this.fullHeaders = fullHeaders;
    }

    AMQP.BasicProperties properties(String id) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("NServiceBus.MessageId", id);
        headers.put("NServiceBus.EnclosedMessageTypes", RelayBenchmark.PAYLOAD_TYPE);
        headers.put("NServiceBus.ContentType", "application/json");
        headers.put("NServiceBus.MessageIntent", "Send");
        if (fullHeaders) {
            String conversation = UUID.randomUUID().toString();
            headers.put("NServiceBus.ConversationId", conversation);
            headers.put("NServiceBus.CorrelationId", id);
            headers.put("NServiceBus.ReplyToAddress", "BenchSender");
            headers.put("NServiceBus.TimeSent", TIME_SENT.format(java.time.Instant.now()));
            headers.put("NServiceBus.OriginatingEndpoint", "BenchSender");
            headers.put("NServiceBus.OriginatingMachine", "bench-host");
            headers.put("$.diagnostics.originating.hostid", "3f1c2a7e5b9d4e0f8a6b1c2d3e4f5a6b");
            headers.put("$.diagnostics.hostid", "3f1c2a7e5b9d4e0f8a6b1c2d3e4f5a6b");
            headers.put("$.diagnostics.hostdisplayname", "bench-host");
            headers.put("NServiceBus.Version", "9.2.3");
        }
        return new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2).contentType("application/json")
                .correlationId(fullHeaders ? id : null).replyTo(fullHeaders ? "BenchSender" : null)
                .type(RelayBenchmark.PAYLOAD_TYPE).headers(headers).build();
    }

    byte[] body(String id) {
        String prefix = "{\"id\":\"" + id + "\",\"data\":\"";
        String suffix = "\"}";
        int fill = Math.max(0, bodyBytes - prefix.length() - suffix.length());
        return (prefix + "x".repeat(fill) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes with confirms, at most 500 unconfirmed. */
    void prefill(Connection connection, String queue, int count) throws Exception {
        long start = System.nanoTime();
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            for (int i = 1; i <= count; i++) {
                String id = UUID.randomUUID().toString();
                ch.basicPublish("", queue, properties(id), body(id));
                if (i % 500 == 0) {
                    ch.waitForConfirmsOrDie(30_000);
                }
            }
            ch.waitForConfirmsOrDie(30_000);
            System.out.printf(Locale.ROOT, "    %,d messages in %.1f s (depth %,d)%n", count,
                    (System.nanoTime() - start) / 1e9, ch.messageCount(queue));
        }
    }

    /** Size of what the runtime sends, next to the 1 KB body: headers cost the broker too. */
    static void describe(Connection connection, String queue) {
        try (Channel ch = connection.createChannel()) {
            com.rabbitmq.client.GetResponse m = ch.basicGet(queue, true);
            if (m == null) {
                return;
            }
            Map<String, Object> h = m.getProps().getHeaders();
            int bytes = 0;
            for (Map.Entry<String, Object> e : h.entrySet()) {
                bytes += e.getKey().length() + String.valueOf(e.getValue()).length();
            }
            System.out.printf(Locale.ROOT, "(b) a relayed message: body %d B, %d headers (~%d B): %s%n", m.getBody().length, h.size(), bytes,
                    String.join(", ", new java.util.TreeSet<>(h.keySet())));
        } catch (Exception e) {
            System.err.println("(b) could not read a relayed message: " + e);
        }
    }
}
