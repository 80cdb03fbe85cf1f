package io.edgebus.transport.asb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A local stand-in for the Service Bus management API (JDK HTTP server), answering as the examples
 * in src/test/resources/servicebus-management document: SAS tokens are checked for real (HMAC with
 * the namespace key), PUT creates (201 + entry) or finds the entity (409), DELETE removes (200) or
 * finds nothing (404), a subscription comes with a $Default rule, a parent must exist before its
 * children, and entity names are case-insensitive.
 */
final class FakeServiceBusManagement implements AutoCloseable {
    static final String NAMESPACE = "edgebus-test.servicebus.windows.net";
    static final String CONNECT_NS = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect";

    /** One request as the server saw it. */
    record Request(String method, String path, int status, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final String keyName;
    private final String key;
    /** Entity path (lower case) to the description element's XML. */
    private final Map<String, Element> entities = new ConcurrentHashMap<>();
    private final Map<String, Long> activeMessages = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** What GET reports as the queue's active message count. */
    void activeMessages(String queue, long count) {
        activeMessages.put(queue.toLowerCase(Locale.ROOT), count);
    }

    FakeServiceBusManagement(String keyName, String key) throws IOException {
        this.keyName = keyName;
        this.key = key;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    String connectionString() {
        return "Endpoint=sb://" + NAMESPACE + "/;SharedAccessKeyName=" + keyName + ";SharedAccessKey=" + key;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The description element stored for an entity path, or null. */
    Element entity(String path) {
        return entities.get(path.toLowerCase(Locale.ROOT));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8).substring(1);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Response response = respond(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), headers, body);
        requests.add(new Request(exchange.getRequestMethod(), path, response.status(), body, headers));
        byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/atom+xml;type=entry;charset=utf-8");
        exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private record Response(int status, String body) {
    }

    private Response respond(String method, String path, String query, Map<String, String> headers, String body) {
        if (query == null || !query.contains("api-version=" + ServiceBusManagement.API_VERSION)) {
            return new Response(400, "<Error><Code>400</Code><Detail>api-version is missing or unsupported</Detail></Error>");
        }
        if (!validToken(headers.get("authorization"))) {
            return new Response(401, example("unauthorized.response.xml", path));
        }
        String entity = path.toLowerCase(Locale.ROOT);
        String parent = parent(entity);
        switch (method) {
            case "PUT" -> {
                if (!headers.getOrDefault("content-type", "").startsWith("application/atom+xml")) {
                    return new Response(415, "<Error><Code>415</Code><Detail>Content-Type must be application/atom+xml</Detail></Error>");
                }
                if (entities.containsKey(entity)) {
                    return new Response(409, example("conflict.response.xml", path));
                }
                if (parent != null && !entities.containsKey(parent)) {
                    return new Response(404, example("notfound.response.xml", parent));
                }
                Element description = description(body);
                String expected = expectedKind(entity);
                if (description == null || !expected.contains(description.getLocalName())) {
                    return new Response(400, "<Error><Code>400</Code><Detail>expected a " + expected + " in an Atom entry</Detail></Error>");
                }
                Response forwarding = checkForwardTo(description, headers);
                if (forwarding != null) {
                    return forwarding;
                }
                entities.put(entity, description);
                if (description.getLocalName().equals("SubscriptionDescription")) {
                    // Service Bus gives every new subscription a rule that selects everything.
                    entities.put(entity + "/rules/$default", description("<entry xmlns=\"http://www.w3.org/2005/Atom\">"
                            + "<content type=\"application/xml\"><RuleDescription xmlns=\"" + CONNECT_NS + "\" "
                            + "xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><Filter i:type=\"TrueFilter\">"
                            + "<SqlExpression>1=1</SqlExpression></Filter><Name>$Default</Name></RuleDescription></content></entry>"));
                }
                return new Response(201, example("created.response.xml", path).replace("${description}", xml(body)));
            }
            case "DELETE" -> {
                if (entities.remove(entity) == null) {
                    return new Response(404, example("notfound.response.xml", path));
                }
                entities.keySet().removeIf(child -> child.startsWith(entity + "/"));
                return new Response(200, "");
            }
            case "GET" -> {
                if (!entities.containsKey(entity)) {
                    return new Response(404, example("notfound.response.xml", path));
                }
                // The CountDetails part of a queue description, as in the documented Get Queue response.
                return new Response(200, "<entry xmlns=\"http://www.w3.org/2005/Atom\"><content type=\"application/xml\">"
                        + "<QueueDescription xmlns=\"" + CONNECT_NS + "\"><CountDetails xmlns:d2p1=\""
                        + "http://schemas.microsoft.com/netservices/2011/06/servicebus\"><d2p1:ActiveMessageCount>"
                        + activeMessages.getOrDefault(entity, 0L) + "</d2p1:ActiveMessageCount><d2p1:DeadLetterMessageCount>0"
                        + "</d2p1:DeadLetterMessageCount></CountDetails></QueueDescription></content></entry>");
            }
            default -> {
                return new Response(405, "");
            }
        }
    }

    /** Forwarding needs a second token proving send rights, and the target must exist. */
    private Response checkForwardTo(Element description, Map<String, String> headers) {
        Node forwardTo = description.getElementsByTagNameNS(CONNECT_NS, "ForwardTo").item(0);
        if (forwardTo == null) {
            return null;
        }
        if (!validToken(headers.get("servicebussupplementaryauthorization"))) {
            return new Response(401, example("unauthorized.response.xml", "ForwardTo"));
        }
        String target = forwardTo.getTextContent().trim();
        String prefix = "https://" + NAMESPACE + "/";
        if (!target.startsWith(prefix) || !entities.containsKey(target.substring(prefix.length()).toLowerCase(Locale.ROOT))) {
            return new Response(400, "<Error><Code>400</Code><Detail>ForwardTo entity " + target + " does not exist</Detail></Error>");
        }
        return null;
    }

    private static String expectedKind(String entity) {
        String[] parts = entity.split("/");
        if (parts.length == 1) {
            return "QueueDescription TopicDescription";
        }
        if (parts.length == 3 && parts[1].equals("subscriptions")) {
            return "SubscriptionDescription";
        }
        if (parts.length == 5 && parts[1].equals("subscriptions") && parts[3].equals("rules")) {
            return "RuleDescription";
        }
        return "(no entity at this path)";
    }

    private static String parent(String entity) {
        int slash = entity.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        String collection = entity.substring(0, slash);
        return collection.substring(0, collection.lastIndexOf('/'));
    }

    boolean validToken(String token) {
        if (token == null || !token.startsWith("SharedAccessSignature ")) {
            return false;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : token.substring("SharedAccessSignature ".length()).split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String sr = parts.get("sr");
        String se = parts.get("se");
        String sig = parts.get("sig");
        if (sr == null || se == null || sig == null || !keyName.equals(parts.get("skn"))) {
            return false;
        }
        if (Long.parseLong(se) < Instant.now().getEpochSecond()) {
            return false;
        }
        String audience = URLDecoder.decode(sr, StandardCharsets.UTF_8);
        if (!audience.startsWith("https://" + NAMESPACE + "/")) {
            return false;
        }
        return SasToken.sign(key, sr + "\n" + se).equals(URLDecoder.decode(sig, StandardCharsets.UTF_8));
    }

    /** The one description element inside an Atom entry's content, or null if it is not one. */
    static Element description(String entry) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(entry.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            if (!"entry".equals(root.getLocalName()) || !"http://www.w3.org/2005/Atom".equals(root.getNamespaceURI())) {
                return null;
            }
            Node content = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0);
            for (Node n = content == null ? null : content.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && CONNECT_NS.equals(e.getNamespaceURI())) {
                    return e;
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    static String example(String file, String path) {
        try (InputStream in = FakeServiceBusManagement.class.getResourceAsStream("/servicebus-management/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${namespace}", NAMESPACE.substring(0, NAMESPACE.indexOf('.')))
                    .replace("${path}", path).replace("${name}", path.substring(path.lastIndexOf('/') + 1))
                    .replace("${url}", "https://" + NAMESPACE + "/" + path).replace("${now}", Instant.now().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xml(String entry) {
        int start = entry.indexOf("<content");
        int open = entry.indexOf('>', start) + 1;
        int end = entry.lastIndexOf("</content>");
        return start < 0 || end < open ? "" : entry.substring(open, end);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
