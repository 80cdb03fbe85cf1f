package io.edgebus.monitoring.queuelength.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgebus.api.Headers;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reports as messages with the standard NServiceBus headers of a send from outside a handler, as
 * core writes them for its own platform messages. Built here rather than through a {@code Bus}: an
 * endpoint would bring an input queue nobody reads, heartbeats and metrics of its own for something
 * that only sends; core's header code is internal to core. No reply address: nothing answers a report.
 */
final class ReportMessages {
    /** Same value as core's, so receivers see one EdgeBus version. */
    static final String VERSION = "EdgeBus 0.1";
    private static final DateTimeFormatter HEADER_TIME =
            DateTimeFormatter.ofPattern(Headers.TIME_FORMAT).withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final String reporter;
    private final String machine;
    private final String hostId;
    private final String queue;
    private final String timeToBeReceived;

    ReportMessages(ObjectMapper mapper, String reporter, String queue, Duration interval) {
        this.mapper = mapper;
        this.reporter = reporter;
        this.machine = machineName();
        // Stable across restarts of the same reporter on the same machine, as core's host id.
        this.hostId = UUID.nameUUIDFromBytes((reporter + "/" + machine).getBytes(StandardCharsets.UTF_8)).toString();
        this.queue = queue;
        // Like core's metrics reports: a report older than a few intervals is worthless; the broker drops it.
        this.timeToBeReceived = timeSpan(interval.multipliedBy(4));
    }

    String hostId() {
        return hostId;
    }

    String machine() {
        return machine;
    }

    OutgoingMessage message(QueueLengthReport report) {
        String id = UUID.randomUUID().toString();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(Headers.MESSAGE_ID, id);
        h.put(Headers.MESSAGE_INTENT, "Send");
        h.put(Headers.CONVERSATION_ID, UUID.randomUUID().toString());
        h.put(Headers.CORRELATION_ID, id);
        h.put(Headers.CONTENT_TYPE, Headers.JSON);
        h.put(Headers.ENCLOSED_MESSAGE_TYPES, QueueLengthReport.TYPE);
        h.put(Headers.TIME_SENT, HEADER_TIME.format(Instant.now()));
        h.put(Headers.TIME_TO_BE_RECEIVED, timeToBeReceived);
        h.put(Headers.ORIGINATING_ENDPOINT, reporter);
        h.put(Headers.ORIGINATING_MACHINE, machine);
        h.put(Headers.ORIGINATING_HOST_ID, hostId);
        h.put(Headers.HOST_ID, hostId);
        h.put(Headers.HOST_DISPLAY_NAME, machine);
        h.put(Headers.VERSION, VERSION);
        try {
            return new OutgoingMessage(id, h, mapper.writeValueAsBytes(report), new Destination.Queue(queue), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a queue-length report", e);
        }
    }

    /** A .NET TimeSpan as NServiceBus writes TimeToBeReceived: {@code [d.]hh:mm:ss}. */
    static String timeSpan(Duration d) {
        long s = d.toSeconds();
        String hms = String.format("%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
        return s >= 86_400 ? (s / 86_400) + "." + hms : hms;
    }

    private static String machineName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
