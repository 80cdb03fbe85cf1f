package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsJsonTest {

    static void assertSameMessage(OutgoingMessage expected, OutgoingMessage actual) {
        assertEquals(expected.messageId(), actual.messageId());
        assertEquals(expected.headers(), actual.headers());
        assertArrayEquals(expected.body(), actual.body());
        assertEquals(expected.destination(), actual.destination());
        assertEquals(expected.delay(), actual.delay());
    }

    static List<OutgoingMessage> sample() {
        byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, '"', '\\', 10};
        return List.of(
                new OutgoingMessage("m-1", Map.of("NServiceBus.MessageId", "m-1", "Unicode", "Grüße \"quoted\""),
                        "{\"orderId\":\"42\"}".getBytes(), new Destination.Queue("Billing"), null),
                new OutgoingMessage("m-2", Map.of(), binary,
                        new Destination.Topic(List.of("Messages:OrderPlaced", "Messages:IEvent")), Duration.ofMillis(1500)),
                new OutgoingMessage("m-3", Map.of("h", ""), null, new Destination.Queue("error"), Duration.ZERO));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        List<OutgoingMessage> in = sample();
        List<OutgoingMessage> out = OperationsJson.read(OperationsJson.write(in));
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            assertSameMessage(in.get(i), out.get(i));
        }
        assertNull(out.get(2).body());
    }

    @Test
    void noOperationsIsAnEmptyArray() {
        assertEquals("[]", OperationsJson.write(List.of()));
        assertEquals(List.of(), OperationsJson.read("[]"));
    }
}
