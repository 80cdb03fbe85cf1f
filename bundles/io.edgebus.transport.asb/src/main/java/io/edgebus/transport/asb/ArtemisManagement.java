package io.edgebus.transport.asb;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.StringJoiner;

/**
 * Artemis' management API, spoken over the same AMQP connection the transport uses: a request to
 * the {@code activemq.management} address names the resource and the operation in application
 * properties and carries the parameters as a JSON array; the reply comes to a temporary queue.
 */
final class ArtemisManagement {
    private static final String ADDRESS = "activemq.management";
    private static final long REPLY_TIMEOUT_MS = 10_000;

    /** The outcome of one operation: its JSON result text, or the broker's error. */
    record Reply(boolean succeeded, String body) {
    }

    private ArtemisManagement() {
    }

    static Reply invoke(Connection connection, String resource, String operation, Object... params) {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(session.createQueue(ADDRESS));
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage request = session.createTextMessage(json(params));
            request.setStringProperty("_AMQ_ResourceName", resource);
            request.setStringProperty("_AMQ_OperationName", operation);
            request.setJMSReplyTo(replies);
            producer.send(request);
            Message reply = consumer.receive(REPLY_TIMEOUT_MS);
            if (reply == null) {
                throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE,
                        "no reply from the broker's management to " + operation + " within " + REPLY_TIMEOUT_MS + " ms");
            }
            boolean ok = reply.propertyExists("_AMQ_OperationSucceeded") && reply.getBooleanProperty("_AMQ_OperationSucceeded");
            return new Reply(ok, new String(JmsMessages.body(reply), java.nio.charset.StandardCharsets.UTF_8));
        } catch (JMSException e) {
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE,
                    "broker management " + operation + " failed: " + ConnectionSupervisor.describe(e), e);
        }
    }

    /** Invokes and fails unless it succeeded or the broker's error contains {@code tolerated}. */
    static String require(Connection connection, String tolerated, String resource, String operation, Object... params) {
        Reply reply = invoke(connection, resource, operation, params);
        if (!reply.succeeded() && (tolerated == null || !reply.body().contains(tolerated))) {
            throw new EdgeBusException(Code.DISPATCH_REJECTED,
                    "broker management " + operation + " on " + resource + " refused: " + reply.body());
        }
        return reply.body();
    }

    static String json(Object... params) {
        StringJoiner array = new StringJoiner(",", "[", "]");
        for (Object param : params) {
            if (param == null || param instanceof Boolean || param instanceof Number) {
                array.add(String.valueOf(param));
            } else {
                array.add(quote(param.toString()));
            }
        }
        return array.toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
