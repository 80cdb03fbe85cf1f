package io.edgebus.monitoring.queuelength.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwarderSettingsTest {

    @Test
    void aCompleteConfigurationIsAcceptedWithTheDocumentedDefaults() {
        ForwarderSettings s = ForwarderSettings.from(config(Map.of()));
        assertEquals("http://localhost:15672/", s.managementUrl().toString(), "a slash is added");
        assertEquals("/", s.vhost());
        assertEquals(List.of("Sales", "ClientUI"), s.queues());
        assertNull(s.queuePattern());
        assertEquals(Duration.ofSeconds(5), s.interval());
        assertEquals("Particular.Monitoring", s.monitoringQueue());
        assertEquals("QueueLengthForwarder", s.reporter());
    }

    @Test
    void thePasswordIsNeverPartOfTheSettingsText() {
        assertFalse(ForwarderSettings.from(config(Map.of("_password", "s3cret-pw"))).toString().contains("s3cret-pw"));
    }

    @Test
    void eachBadValueIsRefusedNamingItsField() {
        assertRefused("managementUrl: must be set", Map.of("managementUrl", " "));
        assertRefused("managementUrl: must be http://host:port/ or https://host:port/, was ftp://h/",
                Map.of("managementUrl", "ftp://h/"));
        assertRefused("managementUrl: must not contain user info; set username and .password instead",
                Map.of("managementUrl", "http://guest:guest@localhost:15672/"));
        assertRefused("managementUrl: must not have a query or fragment", Map.of("managementUrl", "http://h:1/?x=1"));
        assertRefused("vhost: must not be empty (the default virtual host is \"/\")", Map.of("vhost", ""));
        assertRefused("username: must be set", Map.of("username", ""));
        assertRefused(".password: must be set (there is no default password)", Map.of("_password", ""));
        assertRefused("queues: name at least one queue, or set queuePattern", Map.of("queues", new String[0]));
        assertRefused("queues: contains an empty name", Map.of("queues", new String[] {"Sales", " "}));
        assertRefused("queuePattern: not a regular expression: Unclosed group", Map.of("queuePattern", "(Sales"));
        assertRefused("intervalSeconds: must be 1..3600, was 0", Map.of("intervalSeconds", 0));
        assertRefused("requestTimeoutMs: must be 100..intervalSeconds × 1000, was 6000",
                Map.of("requestTimeoutMs", 6000));
        assertRefused("monitoringQueue: must be set", Map.of("monitoringQueue", ""));
        assertRefused("reporter: must be set", Map.of("reporter", " "));
    }

    @Test
    void aPatternAloneSelectsQueues() {
        ForwarderSettings s = ForwarderSettings.from(config(Map.of("queues", new String[0], "queuePattern", ".*")));
        assertEquals(List.of(), s.queues());
        assertEquals(".*", s.queuePattern().pattern());
    }

    private static void assertRefused(String message, Map<String, Object> values) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> ForwarderSettings.from(config(values))).getMessage());
    }

    /** The configuration as DS would hand it over: defaults of the annotation, overridden by values. */
    static QueueLengthConfig config(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(Map.of("managementUrl", "http://localhost:15672", "username", "guest",
                "_password", "guest", "queues", new String[] {"Sales", "ClientUI"}));
        v.putAll(values);
        return (QueueLengthConfig) java.lang.reflect.Proxy.newProxyInstance(QueueLengthConfig.class.getClassLoader(),
                new Class<?>[] {QueueLengthConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == Annotation.class) {
                        return method.getName().equals("annotationType") ? QueueLengthConfig.class : null;
                    }
                    return v.containsKey(method.getName()) ? v.get(method.getName()) : method.getDefaultValue();
                });
    }
}
