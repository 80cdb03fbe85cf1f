package io.edgebus.distro.itest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The Felix Web Console of a runtime under test, spoken to over HTTP with basic auth. */
public final class Console {

    public static final String ROOT = "/system/console";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    public Console(int port) {
        this.port = port;
    }

    /** The status code, or -1 while nothing listens on the port yet. */
    public int status(String path, String user, String password) throws InterruptedException {
        try {
            return get(path, user, password).statusCode();
        } catch (ConnectException notYetListening) {
            return -1;
        } catch (IOException e) {
            return -2;
        }
    }

    public HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return http.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String user, String password, Multipart form)
            throws IOException, InterruptedException {
        HttpRequest request = request(path, user, password)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
                .build();
        return freshConnection().send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, String user, String password, String urlEncoded)
            throws IOException, InterruptedException {
        HttpRequest request = request(path, user, password)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncoded))
                .build();
        return freshConnection().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Jetty closes a connection after refusing a POST whose body it did not read; a pooled client can hand
     * that half-closed connection to the next POST, which then fails with "received no bytes" (seen in CI).
     */
    private static HttpClient freshConnection() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials);
    }
}
