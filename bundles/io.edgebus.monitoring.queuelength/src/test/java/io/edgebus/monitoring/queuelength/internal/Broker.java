package io.edgebus.monitoring.queuelength.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The test's own access to the real broker: rabbitmqctl, and queues filled through the management API. */
final class Broker {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Broker() {
    }

    /** A durable classic queue with {@code count} messages in it, published through the default exchange. */
    static void declareAndFill(String vhost, String queue, int count) throws Exception {
        String v = URLEncoder.encode(vhost, StandardCharsets.UTF_8);
        call("PUT", "queues/" + v + "/" + queue, "{\"durable\":true}");
        String publish = "{\"properties\":{\"delivery_mode\":2},\"routing_key\":\"" + queue
                + "\",\"payload\":\"x\",\"payload_encoding\":\"string\"}";
        for (int i = 0; i < count; i++) {
            String answer = call("POST", "exchanges/" + v + "/amq.default/publish", publish);
            if (!answer.contains("\"routed\":true")) {
                throw new IllegalStateException("not routed to " + queue + ": " + answer);
            }
        }
    }

    private static String call(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:15672/api/" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes()))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Queue name → messages (ready + unacknowledged), as {@code rabbitmqctl list_queues} shows them. */
    static Map<String, Long> listQueues(String vhost) throws Exception {
        Map<String, Long> result = new HashMap<>();
        for (String line : rabbitmqctl("list_queues", "-p", vhost, "-q", "--no-table-headers", "name", "messages")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 2) {
                result.put(cols[0], Long.parseLong(cols[1]));
            }
        }
        return result;
    }

    static List<String> rabbitmqctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("rabbitmqctl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
        }
        return List.of(out.split("\n"));
    }
}
