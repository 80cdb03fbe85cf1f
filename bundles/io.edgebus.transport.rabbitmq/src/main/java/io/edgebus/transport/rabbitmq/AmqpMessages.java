package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Maps EdgeBus messages to AMQP properties and back, the way NServiceBus' RabbitMQ transport does. */
final class AmqpMessages {
    static final String MESSAGE_ID = "NServiceBus.MessageId";
    static final String CONTENT_TYPE = "NServiceBus.ContentType";
    static final String CORRELATION_ID = "NServiceBus.CorrelationId";
    static final String REPLY_TO = "NServiceBus.ReplyToAddress";
    static final String ENCLOSED_TYPES = "NServiceBus.EnclosedMessageTypes";
    static final String NON_DURABLE = "NServiceBus.NonDurableMessage";
    static final String TIME_TO_BE_RECEIVED = "NServiceBus.TimeToBeReceived";
    private static final java.util.regex.Pattern TIME_SPAN =
            java.util.regex.Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");
    /** Correlates a basic.return with its publish; NServiceBus used the same header for this. */
    static final String CONFIRMATION_ID = "NServiceBus.Transport.RabbitMQ.ConfirmationId";

    /** Broker and transport bookkeeping that must not follow the message when it is forwarded. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of(
            DelayedDelivery.DELAY_HEADER, CONFIRMATION_ID, "x-death", "x-first-death-exchange",
            "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue",
            "x-last-death-reason", "x-delivery-count");

    private static final int PERSISTENT = 2;
    private static final int TRANSIENT = 1;

    private AmqpMessages() {
    }

    /**
     * AMQP headers for a message: every EdgeBus header as a string, plus room for the per-publish
     * bookkeeping the dispatcher adds. A fresh mutable map per publish. (Values stay Strings: the
     * client copies a pre-encoded LongString through a stream, which measured slower.)
     */
    static Map<String, Object> headers(OutgoingMessage message) {
        Map<String, Object> headers = new HashMap<>(message.headers().size() * 2 + 4);
        headers.putAll(message.headers());
        return headers;
    }

    /** Properties that .NET endpoints and plain AMQP consumers read instead of headers. */
    static AMQP.BasicProperties.Builder properties(OutgoingMessage message) {
        Map<String, String> headers = message.headers();
        AMQP.BasicProperties.Builder builder = new AMQP.BasicProperties.Builder()
                .messageId(message.messageId())
                .deliveryMode("true".equalsIgnoreCase(headers.get(NON_DURABLE)) ? TRANSIENT : PERSISTENT)
                .contentType(headers.get(CONTENT_TYPE))
                .correlationId(headers.get(CORRELATION_ID))
                .replyTo(headers.get(REPLY_TO));
        long ttl = timeToBeReceivedMillis(headers.get(TIME_TO_BE_RECEIVED));
        if (ttl > 0) {
            builder.expiration(Long.toString(ttl)); // the broker discards it unread after that, as NServiceBus does
        }
        String enclosed = headers.get(ENCLOSED_TYPES);
        if (enclosed != null) {
            int comma = enclosed.indexOf(',');
            builder.type(comma < 0 ? enclosed : enclosed.substring(0, comma));
        }
        return builder;
    }

    /** A .NET TimeSpan ({@code [d.]hh:mm:ss[.fffffff]}) in milliseconds; 0 when absent or not one. */
    static long timeToBeReceivedMillis(String timeSpan) {
        if (timeSpan == null) {
            return 0;
        }
        java.util.regex.Matcher m = TIME_SPAN.matcher(timeSpan.trim());
        if (!m.matches()) {
            return 0;
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long seconds = ((days * 24 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 60
                + Long.parseLong(m.group(4));
        String fraction = m.group(5) == null ? "0" : (m.group(5) + "000").substring(0, 3);
        return seconds * 1000 + Long.parseLong(fraction);
    }

    static IncomingMessage incoming(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        String messageId = properties.getMessageId();
        String nativeId = messageId == null || messageId.isBlank()
                ? Long.toString(envelope.getDeliveryTag()) : messageId;
        return new IncomingMessage(nativeId, headers(properties), body == null ? new byte[0] : body,
                envelope.isRedeliver());
    }

    /** Headers as strings; properties fill in what a native (non-NServiceBus) sender left out. */
    static Map<String, String> headers(AMQP.BasicProperties properties) {
        Map<String, Object> raw = properties.getHeaders();
        Map<String, String> headers = new HashMap<>(raw == null ? 8 : raw.size() + 4);
        if (raw != null) {
            raw.forEach((name, value) -> {
                if (!TRANSPORT_HEADERS.contains(name)) {
                    headers.put(name, text(value));
                }
            });
        }
        putIfAbsent(headers, CONTENT_TYPE, properties.getContentType());
        putIfAbsent(headers, CORRELATION_ID, properties.getCorrelationId());
        putIfAbsent(headers, REPLY_TO, properties.getReplyTo());
        putIfAbsent(headers, ENCLOSED_TYPES, properties.getType());
        return headers;
    }

    /** An AMQP field value as text: strings arrive as LongString or bytes, tables and arrays nested. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LongString text) {
            // LongString.toString() looks the charset up by name on every call
            return new String(text.getBytes(), StandardCharsets.UTF_8);
        }
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Map<?, ?> table) {
            StringJoiner joined = new StringJoiner(",");
            table.forEach((key, nested) -> joined.add(key + "=" + text(nested)));
            return joined.toString();
        }
        if (value instanceof Collection<?> list) {
            StringJoiner joined = new StringJoiner(",");
            list.forEach(nested -> joined.add(text(nested)));
            return joined.toString();
        }
        return String.valueOf(value);
    }

    private static void putIfAbsent(Map<String, String> headers, String name, String value) {
        if (value != null && !headers.containsKey(name)) {
            headers.put(name, value);
        }
    }
}
