package io.edgebus.transport.asb;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topology through the Service Bus management API: AtomPub over HTTPS, {@code PUT} creates an
 * entity (201, or 409 when it exists), {@code DELETE} removes one (200, or 404 when it is gone),
 * each request signed with a SAS token for the namespace.
 */
final class ServiceBusManagement implements TopologyManager {
    static final String API_VERSION = "2021-05";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusManagement.class);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final java.util.regex.Pattern ACTIVE_MESSAGES =
            java.util.regex.Pattern.compile("ActiveMessageCount>(\\d+)</");

    private final ConnectionString namespace;
    private final URI management;
    private final HttpClient http;
    private final Clock clock;

    ServiceBusManagement(ConnectionString namespace, URI management, Clock clock) {
        this.namespace = namespace;
        this.management = management.toString().endsWith("/") ? management : URI.create(management + "/");
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    @Override
    public void ensureQueue(String queue) {
        create(path(queue), AtomEntities.queue(), false);
    }

    @Override
    public void ensureTopic(String topic) {
        create(path(topic), AtomEntities.topic(), false);
    }

    @Override
    public void ensureSubscription(String topic, String subscription, String forwardTo) {
        String path = path(topic) + "/Subscriptions/" + path(TopologyManager.shortName(subscription));
        if (create(path, AtomEntities.subscription(audience() + forwardTo), true)) {
            // A new subscription comes with a $Default rule that selects everything.
            delete(path + "/Rules/$Default");
        }
    }

    @Override
    public void ensureRule(String topic, String subscription, String messageType) {
        String name = TopologyManager.shortName(messageType);
        create(rulePath(topic, subscription, name), AtomEntities.rule(name, AtomEntities.ruleFilter(messageType)), false);
    }

    @Override
    public void deleteRule(String topic, String subscription, String messageType) {
        delete(rulePath(topic, subscription, TopologyManager.shortName(messageType)));
    }

    /** The queue description's CountDetails/ActiveMessageCount (what is waiting, not what is locked). */
    @Override
    public java.util.OptionalLong queueLength(String queue) {
        HttpResponse<String> response = send(request(path(queue)).GET().build(), "reading queue " + queue);
        java.util.regex.Matcher count = ACTIVE_MESSAGES.matcher(response.body());
        return response.statusCode() == 200 && count.find() ? java.util.OptionalLong.of(Long.parseLong(count.group(1)))
                : java.util.OptionalLong.empty();
    }

    private String rulePath(String topic, String subscription, String rule) {
        return path(topic) + "/Subscriptions/" + path(TopologyManager.shortName(subscription)) + "/Rules/" + path(rule);
    }

    /** PUTs an entity; true when it was created, false when it existed. */
    private boolean create(String path, String entry, boolean forwards) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/atom+xml;type=entry;charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(entry, StandardCharsets.UTF_8));
        if (forwards) {
            // Forwarding needs send rights on the target, proven by a second token.
            request.header("ServiceBusSupplementaryAuthorization", token());
        }
        HttpResponse<String> response = send(request.build(), "creating " + path);
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            LOG.info("Service Bus: created {}", path);
            return true;
        }
        if (response.statusCode() == 409) {
            LOG.debug("Service Bus: {} exists", path);
            return false;
        }
        throw refused("creating " + path, response);
    }

    private void delete(String path) {
        HttpResponse<String> response = send(request(path).DELETE().build(), "deleting " + path);
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw refused("deleting " + path, response);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(management.resolve(path + "?api-version=" + API_VERSION))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", token());
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE,
                    "Service Bus management unreachable while " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "interrupted while " + what, e);
        }
    }

    private static EdgeBusException refused(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String hint = status == 401 || status == 403 ? " (the SAS policy needs Manage rights)" : "";
        Code code = status >= 500 || status == 429 ? Code.TRANSPORT_UNAVAILABLE : Code.DISPATCH_REJECTED;
        return new EdgeBusException(code, "Service Bus management refused " + what + ": HTTP " + status + hint + ": "
                + abbreviate(response.body()));
    }

    private String token() {
        return SasToken.create(audience(), namespace.keyName(), namespace.key(), clock.instant(), TOKEN_LIFETIME);
    }

    /** The namespace's own address: tokens are scoped to it, forward targets named under it. */
    private String audience() {
        return "https://" + namespace.host() + "/";
    }

    private static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
