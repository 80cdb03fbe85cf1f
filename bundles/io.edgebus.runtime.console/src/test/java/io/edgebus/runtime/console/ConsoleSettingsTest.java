package io.edgebus.runtime.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

    @Test
    void defaults() {
        ConsoleSettings settings = ConsoleSettings.from(k -> null, k -> null);
        assertEquals("http://localhost:8080/system/console", settings.url());
        assertEquals(Path.of("run", "console-password").toAbsolutePath(), settings.passwordFile());
        assertNull(settings.givenPassword());
    }

    @Test
    void propertyWinsOverEnvironment() {
        Map<String, String> props = Map.of(
                "edgebus.run.dir", "/var/lib/edgebus/sales",
                "org.osgi.service.http.port", "9999",
                "edgebus.console.password", "from-property");
        ConsoleSettings settings = ConsoleSettings.from(props::get,
                Map.of("EDGEBUS_CONSOLE_PASSWORD", "from-env")::get);
        assertEquals("http://localhost:9999/system/console", settings.url());
        assertEquals(Path.of("/var/lib/edgebus/sales/console-password"), settings.passwordFile());
        assertEquals("from-property", settings.givenPassword());
    }

    @Test
    void environmentIsUsedWhenNoPropertyIsSet() {
        ConsoleSettings settings = ConsoleSettings.from(k -> null, Map.of("EDGEBUS_CONSOLE_PASSWORD", "from-env")::get);
        assertEquals("from-env", settings.givenPassword());
        assertEquals("environment variable EDGEBUS_CONSOLE_PASSWORD", settings.givenPasswordSource());
    }
}
