package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsbSettingsTest {
    private static final String KEY = "s3cr3tKeyValue+/=";
    private static final String CONNECTION_STRING =
            "Endpoint=sb://booth.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + KEY;

    @Test
    void aConnectionStringGivesTheNamespaceTheKeyNameAndTheKey() {
        AsbSettings settings = TestConfigs.settings(Map.of("_connectionString", CONNECTION_STRING));

        assertTrue(settings.isServiceBus());
        assertEquals("RootManageSharedAccessKey", settings.user());
        assertEquals(KEY, settings.secret());
        assertEquals("https://booth.servicebus.windows.net/", settings.managementUri().toString());
        assertTrue(settings.connectionUri().startsWith("amqps://booth.servicebus.windows.net:5671?"), settings.connectionUri());
        assertTrue(settings.connectionUri().contains("jms.validatePropertyNames=false"));
        assertEquals("bundle-1", settings.topic());
    }

    @Test
    void theKeyAndThePasswordNeverAppearInToString() {
        String sb = TestConfigs.settings(Map.of("_connectionString", CONNECTION_STRING)).toString();
        String local = TestConfigs.settings(Map.of("brokerUri", "amqp://localhost:5672", "username", "edge",
                "_password", "hunter2")).toString();
        assertFalse(sb.contains(KEY), sb);
        assertFalse(local.contains("hunter2"), local);
        assertFalse(ConnectionString.parse(CONNECTION_STRING).toString().contains(KEY));
        assertFalse(TestConfigs.settings(Map.of("_connectionString", CONNECTION_STRING)).connectionUri().contains(KEY));
    }

    @Test
    void badConfigurationIsRejectedNamingTheField() {
        assertMessage(Map.of(), "'.connectionString' or brokerUri must be set");
        assertMessage(Map.of("_connectionString", "Endpoint=https://x/;SharedAccessKeyName=a;SharedAccessKey=b"),
                "'.connectionString' Endpoint must look like sb://");
        assertMessage(Map.of("_connectionString", "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a"),
                "'.connectionString' lacks SharedAccessKey");
        assertMessage(Map.of("_connectionString", CONNECTION_STRING + ";EntityPath=orders"), "'.connectionString' EntityPath is set");
        assertMessage(Map.of("brokerUri", "http://localhost:5672"), "'brokerUri' must look like amqp://host:port");
        assertMessage(Map.of("brokerUri", "amqp://localhost:5672", "maxDeliveryCount", 0), "'maxDeliveryCount' must be 1..1000");
        assertMessage(Map.of("brokerUri", "amqp://localhost:5672", "topic", " "), "'topic' must not be empty");
    }

    @Test
    void aBadConnectionStringErrorDoesNotEchoTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestConfigs.settings(
                Map.of("_connectionString", "Endpoint=ftp://x/;SharedAccessKeyName=a;SharedAccessKey=" + KEY)));
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void aSasTokenIsSignedOverTheEncodedResourceAndExpiryAsDocumented() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        String token = SasToken.create("https://booth.servicebus.windows.net/", "Manage", KEY, now, Duration.ofMinutes(20));

        assertTrue(token.startsWith("SharedAccessSignature sr=https%3A%2F%2Fbooth.servicebus.windows.net%2F&sig="), token);
        assertTrue(token.endsWith("&se=" + now.plusSeconds(1200).getEpochSecond() + "&skn=Manage"), token);
        String sig = URLDecoder.decode(token.replaceAll(".*&sig=([^&]*)&.*", "$1"), StandardCharsets.UTF_8);
        assertEquals(SasToken.sign(KEY, "https%3A%2F%2Fbooth.servicebus.windows.net%2F\n" + now.plusSeconds(1200).getEpochSecond()), sig);
    }

    private static void assertMessage(Map<String, Object> config, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestConfigs.settings(config));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
