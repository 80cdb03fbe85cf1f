package io.edgebus.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry tool on the real RabbitMQ at localhost:5672 (guest/guest). */
class RetryErrorsIT {
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String errors = "RetryItErrors-" + run;
    private final String target = "RetryItTarget-" + run;
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void declare() throws Exception {
        connection = new ConnectionFactory().newConnection("retry-errors-it");
        channel = connection.createChannel();
        channel.confirmSelect();
        for (String q : new String[] {errors, target}) {
            channel.queueDeclare(q, true, false, false, Map.of("x-queue-type", "quorum"));
            channel.exchangeDeclare(q, "fanout", true);
            channel.queueBind(q, q, "");
        }
    }

    @AfterEach
    void delete() throws Exception {
        for (String q : new String[] {errors, target}) {
            channel.queueDelete(q);
            channel.exchangeDelete(q);
        }
        connection.close();
    }

    private void failed(String id, String failedQueue) throws Exception {
        Map<String, Object> h = new HashMap<>();
        h.put("NServiceBus.MessageId", id);
        h.put("NServiceBus.EnclosedMessageTypes", "Messages.PlaceOrder");
        if (failedQueue != null) {
            h.put("NServiceBus.FailedQ", failedQueue);
        }
        h.put("NServiceBus.ExceptionInfo.Message", "boom");
        h.put("NServiceBus.Retries", "2");
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2)
                .contentType("application/json").headers(h).build();
        channel.basicPublish(errors, "", true, props, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    private String tool(int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = RetryErrors.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), null);
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    @Test
    void movesTheChosenOrAllFailedMessagesBackAndLeavesWhatCannotGo() throws Exception {
        failed("a", target);
        failed("b", target);
        failed("lost", "NoSuchQueue-" + run);
        failed("orphan", null);

        String out = tool(0, "--queue", errors, "--id", "a");
        assertTrue(out.contains("moved a -> " + target), out);
        assertEquals(1, channel.messageCount(target));
        assertEquals(3, channel.messageCount(errors));
        GetResponse a = channel.basicGet(target, true);
        assertEquals("a", a.getProps().getMessageId());
        assertEquals("application/json", a.getProps().getContentType());
        assertEquals("a", a.getProps().getHeaders().get("NServiceBus.MessageId").toString());
        assertNotNull(a.getProps().getHeaders().get("NServiceBus.EnclosedMessageTypes"));
        assertNull(a.getProps().getHeaders().get("NServiceBus.FailedQ"));
        assertNull(a.getProps().getHeaders().get("NServiceBus.ExceptionInfo.Message"));
        assertNull(a.getProps().getHeaders().get("NServiceBus.Retries"));
        assertArrayEquals("{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8), a.getBody());

        tool(1, "--queue", errors, "--id", "nope");
        out = tool(0, "--queue", errors, "--all");
        assertTrue(out.contains("moved b -> " + target), out);
        assertTrue(out.contains("left lost"), out);
        assertTrue(out.contains("left orphan"), out);
        assertTrue(out.contains("moved 1 message(s) from " + errors + ", left 2"), out);
        assertEquals(1, channel.messageCount(target));
        assertEquals(2, channel.messageCount(errors), "what cannot go back stays in the error queue");
    }
}
