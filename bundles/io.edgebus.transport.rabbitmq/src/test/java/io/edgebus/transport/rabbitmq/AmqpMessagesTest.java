package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.LongStringHelper;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmqpMessagesTest {

    @Test
    void outgoingMessagesArePersistentWithTheirIdAndContentType() {
        OutgoingMessage message = message(Map.of("NServiceBus.ContentType", "application/json",
                "NServiceBus.EnclosedMessageTypes", "Sales.PlaceOrder, Sales.Messages",
                "NServiceBus.CorrelationId", "c-1", "NServiceBus.ReplyToAddress", "Client"));
        AMQP.BasicProperties properties = AmqpMessages.properties(message).build();
        assertEquals("m-1", properties.getMessageId());
        assertEquals(2, properties.getDeliveryMode());
        assertEquals("application/json", properties.getContentType());
        assertEquals("Sales.PlaceOrder", properties.getType());
        assertEquals("c-1", properties.getCorrelationId());
        assertEquals("Client", properties.getReplyTo());
    }

    @Test
    void nonDurableMessagesAreSentTransient() {
        AMQP.BasicProperties properties = AmqpMessages.properties(
                message(Map.of("NServiceBus.NonDurableMessage", "True"))).build();
        assertEquals(1, properties.getDeliveryMode());
        assertNull(properties.getContentType());
    }

    @Test
    void timeToBeReceivedBecomesTheAmqpExpirationInMilliseconds() {
        assertEquals("40000", AmqpMessages.properties(message(Map.of("NServiceBus.TimeToBeReceived", "00:00:40")))
                .build().getExpiration());
        assertEquals(Long.toString(86_400_000L + 3_723_500L), AmqpMessages.properties(
                message(Map.of("NServiceBus.TimeToBeReceived", "1.01:02:03.5000000"))).build().getExpiration());
        assertNull(AmqpMessages.properties(message(Map.of("NServiceBus.TimeToBeReceived", "soon"))).build()
                .getExpiration(), "not a TimeSpan: kept for ever rather than guessed");
        assertNull(AmqpMessages.properties(message(Map.of())).build().getExpiration());
    }

    @Test
    void everyHeaderTravelsAsAString() {
        Map<String, Object> headers = AmqpMessages.headers(message(Map.of("a", "1", "NServiceBus.MessageId", "m-1")));
        assertEquals(Map.of("a", "1", "NServiceBus.MessageId", "m-1"), headers);
        headers.put("extra", "mutable, one map per publish");
    }

    @Test
    void incomingHeaderValuesOfAnyAmqpTypeBecomeStrings() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("long-string", LongStringHelper.asLongString("héllo"));
        raw.put("bytes", "bytes".getBytes(StandardCharsets.UTF_8));
        raw.put("number", 42);
        raw.put("flag", true);
        raw.put("missing", null);
        raw.put("list", List.of(LongStringHelper.asLongString("a"), 2));
        raw.put("table", Map.of("k", LongStringHelper.asLongString("v")));
        Map<String, String> headers = AmqpMessages.headers(new AMQP.BasicProperties.Builder().headers(raw).build());
        assertEquals("héllo", headers.get("long-string"));
        assertEquals("bytes", headers.get("bytes"));
        assertEquals("42", headers.get("number"));
        assertEquals("true", headers.get("flag"));
        assertEquals("", headers.get("missing"));
        assertEquals("a,2", headers.get("list"));
        assertEquals("k=v", headers.get("table"));
    }

    @Test
    void transportBookkeepingHeadersAreNotPassedOn() {
        Map<String, Object> raw = new HashMap<>();
        raw.put(DelayedDelivery.DELAY_HEADER, 5);
        raw.put(AmqpMessages.CONFIRMATION_ID, "17");
        raw.put("x-death", List.of(Map.of("count", 1L)));
        raw.put("x-delivery-count", 2L);
        raw.put("kept", "yes");
        Map<String, String> headers = AmqpMessages.headers(new AMQP.BasicProperties.Builder().headers(raw).build());
        assertEquals(Map.of("kept", "yes"), headers);
    }

    @Test
    void propertiesFillInHeadersANativeSenderLeftOut() {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").type("Sales.OrderPlaced").correlationId("c-9").replyTo("Client")
                .headers(Map.of("NServiceBus.ContentType", "text/xml")).build();
        Map<String, String> headers = AmqpMessages.headers(properties);
        assertEquals("text/xml", headers.get("NServiceBus.ContentType"), "a header beats the property");
        assertEquals("Sales.OrderPlaced", headers.get("NServiceBus.EnclosedMessageTypes"));
        assertEquals("c-9", headers.get("NServiceBus.CorrelationId"));
        assertEquals("Client", headers.get("NServiceBus.ReplyToAddress"));
    }

    @Test
    void theNativeIdIsTheMessageIdOrElseTheDeliveryTag() {
        Envelope envelope = new Envelope(41, true, "Sales", "");
        IncomingMessage withId = AmqpMessages.incoming(envelope,
                new AMQP.BasicProperties.Builder().messageId("m-7").build(), new byte[] {1});
        assertEquals("m-7", withId.nativeId());
        assertTrue(withId.redelivered());
        IncomingMessage withoutId = AmqpMessages.incoming(new Envelope(42, false, "Sales", ""),
                new AMQP.BasicProperties.Builder().build(), null);
        assertEquals("42", withoutId.nativeId());
        assertFalse(withoutId.redelivered());
        assertEquals(0, withoutId.body().length);
    }

    private static OutgoingMessage message(Map<String, String> headers) {
        return new OutgoingMessage("m-1", headers, new byte[0], new Destination.Queue("Sales"), null);
    }
}
