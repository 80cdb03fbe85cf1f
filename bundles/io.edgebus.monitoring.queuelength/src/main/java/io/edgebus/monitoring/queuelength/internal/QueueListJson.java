package io.edgebus.monitoring.queuelength.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the answer of {@code GET /api/queues/<vhost>}: a JSON array of queue objects. */
final class QueueListJson {
    /** What the forwarder asks for; the full objects are large (backing queue status, GC, rates). */
    static final String COLUMNS = "name,messages,messages_ready,messages_unacknowledged,consumers";

    private final ObjectMapper mapper;

    QueueListJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The queues of the answer; throws {@link IllegalArgumentException} naming what is wrong with it. */
    List<QueueCounts> parse(byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of queues, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        List<QueueCounts> queues = new ArrayList<>(root.size());
        for (JsonNode q : root) {
            JsonNode name = q.get("name");
            if (name == null || !name.isTextual()) {
                throw new IllegalArgumentException("a queue without a name: " + abbreviate(q.toString()));
            }
            String n = name.asText();
            queues.add(new QueueCounts(n, count(q, n, "messages"), count(q, n, "messages_ready"),
                    count(q, n, "messages_unacknowledged"), count(q, n, "consumers")));
        }
        return queues;
    }

    private static long count(JsonNode queue, String name, String field) {
        JsonNode v = queue.get(field);
        if (v == null || v.isNull()) {
            return -1; // no statistics collected for this queue yet
        }
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new IllegalArgumentException("queue " + name + ": " + field + " is not a count: " + abbreviate(v.toString()));
        }
        return v.asLong();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
