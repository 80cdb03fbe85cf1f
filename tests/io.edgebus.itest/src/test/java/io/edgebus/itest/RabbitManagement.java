package io.edgebus.itest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Virtual hosts, users and permissions through the broker's management HTTP API (port 15672) as
 * guest: the same as the rabbitmqctl commands, without starting an Erlang VM per call (about a
 * second each on this machine).
 */
final class RabbitManagement {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RabbitManagement() {
    }

    /** A virtual host that guest may use fully. */
    static void addVirtualHost(String vhost) throws Exception {
        call("PUT", "vhosts/" + enc(vhost), "{}");
        permit(vhost, "guest", ".*");
    }

    static void deleteVirtualHost(String vhost) throws Exception {
        call("DELETE", "vhosts/" + enc(vhost), null);
    }

    static void addUser(String user, String password, String tags) throws Exception {
        call("PUT", "users/" + enc(user), "{\"password\":\"" + password + "\",\"tags\":\"" + tags + "\"}");
    }

    static void deleteUser(String user) throws Exception {
        call("DELETE", "users/" + enc(user), null);
    }

    /** Configure, write and read permission on names matching {@code pattern} ("" = none, access only). */
    static void permit(String vhost, String user, String pattern) throws Exception {
        call("PUT", "permissions/" + enc(vhost) + "/" + enc(user),
                "{\"configure\":\"" + pattern + "\",\"write\":\"" + pattern + "\",\"read\":\"" + pattern + "\"}");
    }

    private static void call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:15672/api/" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "guest:guest".getBytes(StandardCharsets.UTF_8)));
        if (json == null) {
            request.DELETE();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " /api/" + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
