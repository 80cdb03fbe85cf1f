package io.edgebus.persistence.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox's operations as JSON (stored as jsonb, so operators can query them):
 * {@code [{"messageId", "headers": {..}, "body": base64, "destination": {"kind": "queue", "name"} |
 * {"kind": "topic", "typeHierarchy": [..]}, "delayMillis": n | null}]}.
 */
final class OperationsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OperationsJson() {
    }

    static String write(List<OutgoingMessage> operations) {
        ArrayNode array = MAPPER.createArrayNode();
        for (OutgoingMessage m : operations) {
            ObjectNode o = array.addObject();
            o.put("messageId", m.messageId());
            ObjectNode headers = o.putObject("headers");
            m.headers().forEach(headers::put);
            o.put("body", m.body() == null ? null : Base64.getEncoder().encodeToString(m.body()));
            ObjectNode destination = o.putObject("destination");
            if (m.destination() instanceof Destination.Queue q) {
                destination.put("kind", "queue").put("name", q.name());
            } else if (m.destination() instanceof Destination.Topic t) {
                ArrayNode types = destination.put("kind", "topic").putArray("typeHierarchy");
                t.typeHierarchy().forEach(types::add);
            }
            if (m.delay() == null) {
                o.putNull("delayMillis");
            } else {
                o.put("delayMillis", m.delay().toMillis());
            }
        }
        return array.toString();
    }

    static List<OutgoingMessage> read(String json) {
        JsonNode array;
        try {
            array = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored outbox operations are not JSON", e);
        }
        List<OutgoingMessage> operations = new ArrayList<>(array.size());
        for (JsonNode o : array) {
            Map<String, String> headers = new LinkedHashMap<>();
            o.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            JsonNode body = o.path("body");
            JsonNode delay = o.path("delayMillis");
            operations.add(new OutgoingMessage(o.path("messageId").asText(), headers,
                    body.isTextual() ? Base64.getDecoder().decode(body.asText()) : null,
                    destination(o.path("destination")),
                    delay.isNumber() ? Duration.ofMillis(delay.asLong()) : null));
        }
        return operations;
    }

    private static Destination destination(JsonNode d) {
        String kind = d.path("kind").asText();
        if (kind.equals("queue")) {
            return new Destination.Queue(d.path("name").asText());
        }
        if (kind.equals("topic")) {
            List<String> types = new ArrayList<>();
            d.path("typeHierarchy").forEach(t -> types.add(t.asText()));
            return new Destination.Topic(types);
        }
        throw new IllegalArgumentException("stored outbox destination of unknown kind '" + kind + "'");
    }
}
