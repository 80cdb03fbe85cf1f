package io.edgebus.monitoring.queuelength.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executor;

/**
 * {@code GET /api/queues/<vhost>} of the RabbitMQ management HTTP API with basic authentication,
 * turned into a {@link PollOutcome}. The counts come from the broker's statistics, which it
 * refreshes every {@code collect_statistics_interval} (5 s by default): a change shows up within
 * that time, not at once.
 */
final class ManagementApi {
    private final ForwarderSettings settings;
    private final QueueListJson json;
    private final ObjectMapper mapper;
    private final URI queues;
    private final String authorization;
    private final HttpClient http;

    ManagementApi(ForwarderSettings settings, QueueListJson json, ObjectMapper mapper, Executor executor) {
        this.settings = settings;
        this.json = json;
        this.mapper = mapper;
        String vhost = URLEncoder.encode(settings.vhost(), StandardCharsets.UTF_8).replace("+", "%20");
        this.queues = settings.managementUrl().resolve("api/queues/" + vhost + "?columns=" + QueueListJson.COLUMNS);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        // Our executor, so stopping the forwarder ends the client's worker threads too. HTTP/1.1: the
        // management API's server (Cowboy) drops a request that asks to upgrade to h2c and has a body.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout()).executor(executor).build();
    }

    PollOutcome poll() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(queues).timeout(settings.requestTimeout())
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return new PollOutcome.Problem("unreachable", "the management API at " + base()
                    + " did not answer within " + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            return new PollOutcome.Problem("unreachable", "cannot reach the management API at " + base() + ": " + e);
        }
        Instant at = Instant.now();
        int status = response.statusCode();
        if (status == 200) {
            try {
                return new PollOutcome.Queues(json.parse(response.body()), at);
            } catch (IllegalArgumentException e) {
                return new PollOutcome.Problem("bad-answer", "the management API at " + base()
                        + " answered with an unreadable queue list: " + e.getMessage());
            }
        }
        String reason = reason(response.body());
        return switch (status) {
            case 401 -> new PollOutcome.Problem("unauthorized", "the management API at " + base() + " refused user '"
                    + settings.username() + "' (401" + reason + "): check username, .password and that the user has "
                    + "the monitoring or management tag");
            case 404 -> new PollOutcome.Problem("not-found", "the management API at " + base()
                    + " answered 404 for virtual host '" + settings.vhost() + "'" + reason
                    + ": the virtual host does not exist, or managementUrl is not the management API");
            default -> new PollOutcome.Problem("http-" + status, "the management API at " + base() + " answered "
                    + status + reason + " for " + queues.getRawPath());
        };
    }

    private String base() {
        return settings.managementUrl().toString();
    }

    /** RabbitMQ's error body {@code {"error":..,"reason":..}}, as " – reason", or nothing. */
    private String reason(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            JsonNode reason = node == null ? null : node.get("reason");
            if (reason != null && reason.isTextual() && !reason.asText().isBlank()) {
                String text = reason.asText();
                return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
            }
        } catch (IOException e) {
            // Not JSON (a proxy's HTML page): the status says enough.
        }
        return "";
    }
}
