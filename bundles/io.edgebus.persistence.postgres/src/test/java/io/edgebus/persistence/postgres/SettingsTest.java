package io.edgebus.persistence.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    /** A config as DS would build it from properties: given values, else the annotation's defaults. */
    static PostgresConfig config(Map<String, Object> values) {
        return (PostgresConfig) Proxy.newProxyInstance(PostgresConfig.class.getClassLoader(),
                new Class<?>[] {PostgresConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void defaultsAreValidAndKeepSevenDays() {
        Settings s = Settings.from(config(Map.of()));
        assertEquals("default", s.name());
        assertEquals("edgebus", s.schema());
        assertEquals(Duration.ofDays(7), s.retention());
        assertEquals(500, s.cleanupBatchSize());
    }

    @Test
    void whenRetentionIsShorterThanErrorRetryWindow_thenRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.from(config(Map.of(
                "outboxRetentionHours", 24L, "errorRetryWindowHours", 48L))));
        assertTrue(e.getMessage().startsWith("outboxRetentionHours"), e.getMessage());
        assertTrue(e.getMessage().contains("errorRetryWindowHours"), e.getMessage());
    }

    @Test
    void retentionEqualToErrorRetryWindowIsAccepted() {
        Settings s = Settings.from(config(Map.of("outboxRetentionHours", 48L, "errorRetryWindowHours", 48L)));
        assertEquals(Duration.ofHours(48), s.retention());
    }

    @Test
    void schemaThatIsNotAPlainIdentifierIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(config(Map.of("schema", "x; DROP TABLE y"))));
        assertTrue(e.getMessage().startsWith("schema"), e.getMessage());
    }

    @Test
    void nonPostgresUrlAndEmptyPoolAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.from(config(Map.of(
                "jdbcUrl", "jdbc:mysql://x")))).getMessage().startsWith("jdbcUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.from(config(Map.of(
                "poolSize", 0)))).getMessage().startsWith("poolSize"));
    }

    @Test
    void passwordNeverAppearsInTheTextForm() {
        Settings s = Settings.from(config(Map.of("_password", "s3cret-value")));
        assertEquals("s3cret-value", s.password());
        assertFalse(s.toString().contains("s3cret-value"), s.toString());
    }
}
