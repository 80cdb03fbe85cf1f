package io.edgebus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryHeadersTest {
    @Test
    void theFailureHeadersGoAndTheSendersStay() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("NServiceBus.MessageId", "m-1");
        h.put("NServiceBus.EnclosedMessageTypes", "Messages.PlaceOrder");
        h.put("NServiceBus.ConversationId", "c-1");
        h.put("NServiceBus.FailedQ", "Sales");
        h.put("NServiceBus.TimeOfFailure", "2026-11-29 11:00:00:000000 Z");
        h.put("NServiceBus.ExceptionInfo.ExceptionType", "java.lang.IllegalStateException");
        h.put("NServiceBus.ExceptionInfo.Message", "boom");
        h.put("NServiceBus.ExceptionInfo.StackTrace", "...");
        h.put("NServiceBus.ExceptionInfo.Data.Key", "v");
        h.put("NServiceBus.Retries", "2");
        h.put("NServiceBus.Retries.Timestamp", "2026-11-29 10:59:59:000000 Z");
        h.put("NServiceBus.Retries.Immediate", "1");
        h.put("NServiceBus.ProcessingEndpoint", "Sales");
        h.put("NServiceBus.ProcessingMachine", "pi-1");
        h.put("NServiceBus.Transport.RabbitMQ.DelayInSeconds", 2);
        h.put("traceparent", "00-abc-def-01");

        assertEquals(Map.of("NServiceBus.MessageId", "m-1", "NServiceBus.EnclosedMessageTypes", "Messages.PlaceOrder",
                "NServiceBus.ConversationId", "c-1", "traceparent", "00-abc-def-01"), RetryHeaders.strip(h));
        assertEquals(16, h.size(), "the original is left alone");
    }

    @Test
    void noHeadersAreNoHeaders() {
        assertEquals(Map.of(), RetryHeaders.strip(null));
        assertEquals(null, RetryHeaders.text(null, "x"));
        assertEquals("Sales", RetryHeaders.text(Map.of("NServiceBus.FailedQ", "Sales"), "NServiceBus.FailedQ"));
    }

    @Test
    void badArgumentsAreRefusedWithUsage() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, RetryErrors.run(new String[0], out, null));
        assertEquals(2, RetryErrors.run(new String[] {"--all", "--id", "x"}, out, null));
        assertEquals(2, RetryErrors.run(new String[] {"--queue"}, out, null));
        assertEquals(2, RetryErrors.run(new String[] {"--bogus"}, out, null));
        assertEquals(true, bytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains("usage: retry-errors"));
    }
}
