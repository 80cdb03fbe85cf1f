package io.edgebus.monitoring.queuelength.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The forwarder's configuration, validated once: a bad value is refused with the field's name. The
 * password is kept but never printed ({@link #toString()} leaves it out).
 */
record ForwarderSettings(URI managementUrl, String vhost, String username, String password, List<String> queues,
                         Pattern queuePattern, Duration interval, Duration requestTimeout, String monitoringQueue,
                         String reporter) {

    static ForwarderSettings from(QueueLengthConfig c) {
        URI url = managementUrl(c.managementUrl());
        String vhost = c.vhost() == null ? "" : c.vhost();
        if (vhost.isEmpty()) {
            throw invalid("vhost", "must not be empty (the default virtual host is \"/\")");
        }
        String user = required("username", c.username());
        if (c._password() == null || c._password().isEmpty()) {
            throw invalid(".password", "must be set (there is no default password)");
        }
        List<String> queues = queues(c.queues());
        Pattern pattern = pattern(c.queuePattern());
        if (queues.isEmpty() && pattern == null) {
            throw invalid("queues", "name at least one queue, or set queuePattern");
        }
        if (c.intervalSeconds() < 1 || c.intervalSeconds() > 3600) {
            throw invalid("intervalSeconds", "must be 1..3600, was " + c.intervalSeconds());
        }
        if (c.requestTimeoutMs() < 100 || c.requestTimeoutMs() > c.intervalSeconds() * 1000) {
            throw invalid("requestTimeoutMs", "must be 100..intervalSeconds × 1000, was " + c.requestTimeoutMs());
        }
        return new ForwarderSettings(url, vhost, user, c._password(), queues, pattern,
                Duration.ofSeconds(c.intervalSeconds()), Duration.ofMillis(c.requestTimeoutMs()),
                required("monitoringQueue", c.monitoringQueue()), required("reporter", c.reporter()));
    }

    private static URI managementUrl(String text) {
        String value = required("managementUrl", text);
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value : value + "/");
        } catch (URISyntaxException e) {
            throw invalid("managementUrl", "not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw invalid("managementUrl", "must be http://host:port/ or https://host:port/, was " + value);
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the URL would end up in logs and reports; they belong in username/.password.
            throw invalid("managementUrl", "must not contain user info; set username and .password instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("managementUrl", "must not have a query or fragment");
        }
        return uri;
    }

    private static List<String> queues(String[] names) {
        Set<String> result = new LinkedHashSet<>();
        for (String name : names == null ? new String[0] : names) {
            String trimmed = name == null ? "" : name.trim();
            if (trimmed.isEmpty()) {
                throw invalid("queues", "contains an empty name");
            }
            result.add(trimmed);
        }
        return new ArrayList<>(result);
    }

    private static Pattern pattern(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(text.trim());
        } catch (PatternSyntaxException e) {
            throw invalid("queuePattern", "not a regular expression: " + e.getDescription());
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "must be set");
        }
        return value.trim();
    }

    private static IllegalArgumentException invalid(String field, String text) {
        return new IllegalArgumentException(field + ": " + text);
    }

    @Override
    public String toString() {
        return "managementUrl=" + managementUrl + ", vhost=" + vhost + ", username=" + username + ", queues="
                + queues + ", queuePattern=" + (queuePattern == null ? "" : queuePattern.pattern()) + ", interval="
                + interval.toSeconds() + " s, monitoringQueue=" + monitoringQueue;
    }
}
