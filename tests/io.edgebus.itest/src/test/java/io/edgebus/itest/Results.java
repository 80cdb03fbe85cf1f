package io.edgebus.itest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** The Handled reports that test handlers send to the results queue, with the AMQP headers they came with. */
final class Results {
    record Report(String id, String version, String endpoint, int inFlight, Map<String, String> received,
                  Map<String, Object> sentWith) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked")
    void add(byte[] body, Map<String, Object> amqpHeaders) throws IOException {
        Map<String, Object> m = JSON.readValue(body, Map.class);
        reports.add(new Report((String) m.get("id"), (String) m.get("version"), (String) m.get("endpoint"),
                ((Number) m.get("inFlight")).intValue(), (Map<String, String>) m.get("headers"),
                amqpHeaders == null ? Map.of() : amqpHeaders));
    }

    List<Report> matching(Predicate<Report> p) {
        return reports.stream().filter(p).toList();
    }

    long distinct(String idPrefix) {
        return reports.stream().map(Report::id).filter(id -> id.startsWith(idPrefix)).distinct().count();
    }
}
