package io.edgebus.monitoring.queuelength.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportMessagesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aReportIsASendToTheMonitoringQueueWithTheStandardHeadersAndAPascalCaseBody() throws Exception {
        ReportMessages messages = new ReportMessages(mapper, "QueueLengthForwarder", "Particular.Monitoring",
                Duration.ofSeconds(5));
        QueueLengthReport report = new QueueLengthReport("RabbitMQ", "http://localhost:15672/", "booth",
                "QueueLengthForwarder", messages.hostId(), messages.machine(), "2026-11-29T12:00:00Z", 5,
                List.of(QueueLengthReport.Queue.of(new QueueCounts("Sales", 37, 30, 7, 1))), List.of("Raffle"));
        OutgoingMessage m = messages.message(report);

        assertEquals(new Destination.Queue("Particular.Monitoring"), m.destination());
        Map<String, String> h = m.headers();
        assertEquals(m.messageId(), h.get("NServiceBus.MessageId"));
        assertEquals(m.messageId(), h.get("NServiceBus.CorrelationId"));
        assertEquals("Send", h.get("NServiceBus.MessageIntent"));
        assertEquals("EdgeBus.Monitoring.QueueLengthReport", h.get("NServiceBus.EnclosedMessageTypes"));
        assertEquals("application/json", h.get("NServiceBus.ContentType"));
        assertEquals("00:00:20", h.get("NServiceBus.TimeToBeReceived"), "four intervals, as core's reports");
        assertEquals("QueueLengthForwarder", h.get("NServiceBus.OriginatingEndpoint"));
        assertTrue(h.get("NServiceBus.TimeSent").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{6} Z"),
                h.get("NServiceBus.TimeSent"));
        assertEquals(messages.hostId(), h.get("$.diagnostics.hostid"));
        assertFalse(h.containsKey("NServiceBus.ReplyToAddress"), "nothing answers a report");
        assertTrue(h.get("NServiceBus.ConversationId").length() == 36);

        JsonNode body = mapper.readTree(m.body());
        assertEquals("booth", body.get("VirtualHost").asText());
        assertEquals(5, body.get("IntervalSeconds").asInt());
        JsonNode sales = body.get("Queues").get(0);
        assertEquals("Sales", sales.get("Queue").asText());
        assertEquals(37, sales.get("Messages").asLong());
        assertEquals(30, sales.get("MessagesReady").asLong());
        assertEquals(7, sales.get("MessagesUnacknowledged").asLong());
        assertEquals(1, sales.get("Consumers").asLong());
        assertEquals("Raffle", body.get("MissingQueues").get(0).asText());
    }

    @Test
    void theHostIdStaysTheSameForTheSameReporterOnTheSameMachine() {
        assertEquals(new ReportMessages(mapper, "Q", "M", Duration.ofSeconds(5)).hostId(),
                new ReportMessages(mapper, "Q", "other", Duration.ofSeconds(9)).hostId());
    }
}
