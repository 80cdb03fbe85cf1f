package io.edgebus.transport.asb;

import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps EdgeBus messages to AMQP 1.0 messages and back the way NServiceBus' Azure Service Bus
 * transport does: the body as bytes, every header as an application property under its own name
 * (dots included), the correlation id and reply-to also in the AMQP properties.
 */
final class JmsMessages {
    static final String MESSAGE_ID = "NServiceBus.MessageId";
    static final String CORRELATION_ID = "NServiceBus.CorrelationId";
    static final String REPLY_TO = "NServiceBus.ReplyToAddress";
    static final String ENCLOSED_TYPES = "NServiceBus.EnclosedMessageTypes";
    static final String NON_DURABLE = "NServiceBus.NonDurableMessage";
    /** Qpid JMS' session mode that settles each message on its own (peek-lock), not the whole session. */
    static final int INDIVIDUAL_ACKNOWLEDGE = 101;
    /** Qpid JMS' property that picks the AMQP outcome of acknowledge(). */
    static final String ACK_TYPE = "JMS_AMQP_ACK_TYPE";
    /** AMQP accepted: Service Bus completes the message. */
    static final int ACCEPTED = 1;
    /** AMQP modified with delivery-failed: Service Bus abandons it (delivery count + 1, redelivered). */
    static final int MODIFIED_FAILED = 4;
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private JmsMessages() {
    }

    static BytesMessage outgoing(Session session, OutgoingMessage message) throws JMSException {
        BytesMessage out = session.createBytesMessage();
        out.writeBytes(message.body() == null ? new byte[0] : message.body());
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            out.setStringProperty(header.getKey(), header.getValue());
        }
        out.setJMSCorrelationID(message.headers().get(CORRELATION_ID));
        String enclosed = message.headers().get(ENCLOSED_TYPES);
        if (enclosed != null) {
            int end = enclosed.indexOf(';');
            out.setJMSType(end < 0 ? enclosed : enclosed.substring(0, end));
        }
        return out;
    }

    static int deliveryMode(OutgoingMessage message) {
        return "true".equalsIgnoreCase(message.headers().get(NON_DURABLE))
                ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT;
    }

    static IncomingMessage incoming(Message message) throws JMSException {
        Map<String, String> headers = new HashMap<>();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (name.startsWith("JMSX") || name.startsWith("JMS_AMQP") || name.equals(TopologyManager.TYPES_PROPERTY)) {
                continue; // the client's view of AMQP header fields, not application properties
            }
            Object value = message.getObjectProperty(name);
            headers.put(name, value == null ? "" : value.toString());
        }
        if (!headers.containsKey(CORRELATION_ID) && message.getJMSCorrelationID() != null) {
            headers.put(CORRELATION_ID, message.getJMSCorrelationID());
        }
        String messageId = headers.get(MESSAGE_ID);
        String nativeId = messageId != null && !messageId.isBlank() ? messageId : message.getJMSMessageID();
        return new IncomingMessage(nativeId, headers, body(message), deliveryCount(message) > 1);
    }

    static byte[] body(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytes.reset();
            return body;
        }
        if (message instanceof jakarta.jms.TextMessage text && text.getText() != null) {
            return text.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    /** How often the broker has delivered it, this time included (AMQP delivery-count + 1). */
    static int deliveryCount(Message message) throws JMSException {
        return message.propertyExists(DELIVERY_COUNT) ? message.getIntProperty(DELIVERY_COUNT) : 1;
    }
}
