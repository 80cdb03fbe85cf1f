package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.transport.EndpointAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {

    @Test
    void defaultsDescribeALocalBrokerWithQuorumQueues() {
        TransportSettings settings = TestConfigs.settings(Map.of());
        assertEquals("default", settings.name());
        assertEquals("localhost", settings.host());
        assertEquals(5672, settings.port());
        assertEquals("/", settings.virtualHost());
        assertEquals(TransportSettings.QueueType.QUORUM, settings.queueType());
        assertEquals(Duration.ofMillis(500), settings.recoveryInitialDelay());
        assertEquals(Duration.ofSeconds(30), settings.recoveryMaxDelay());
        assertEquals(Duration.ofSeconds(30), settings.confirmTimeout());
    }

    @Test
    void aBadValueIsRejectedNamingTheConfigurationKey() {
        assertRejected(Map.of("port", 0), "'port'");
        assertRejected(Map.of("port", 70_000), "'port'");
        assertRejected(Map.of("host", " "), "'host'");
        assertRejected(Map.of("transport_name", ""), "'transport.name'");
        assertRejected(Map.of("queueType", "stream"), "'queueType'");
        assertRejected(Map.of("heartbeatSeconds", -1), "'heartbeatSeconds'");
        assertRejected(Map.of("recoveryInitialDelayMs", 0L), "'recoveryInitialDelayMs'");
        assertRejected(Map.of("recoveryInitialDelayMs", 5_000L, "recoveryMaxDelayMs", 1_000L), "'recoveryMaxDelayMs'");
        assertRejected(Map.of("confirmTimeoutMs", 0L), "'confirmTimeoutMs'");
        assertRejected(Map.of("publisherChannels", 0), "'publisherChannels'");
        assertRejected(Map.of("prefetchMultiplier", 0), "'prefetchMultiplier'");
        assertRejected(Map.of("prefetchCount", 70_000), "'prefetchCount'");
        assertRejected(Map.of("username", ""), "'username'");
    }

    @Test
    void queueTypeIsReadCaseInsensitively() {
        assertEquals(TransportSettings.QueueType.CLASSIC, TestConfigs.settings(Map.of("queueType", "Classic")).queueType());
    }

    @Test
    void thePasswordNeverAppearsInTheSettingsText() {
        TransportSettings settings = TestConfigs.settings(Map.of("_password", "s3cret-Pa55"));
        assertEquals("s3cret-Pa55", settings.password());
        assertFalse(settings.toString().contains("s3cret-Pa55"), settings.toString());
    }

    @Test
    void prefetchIsConcurrencyTimesTheMultiplierUnlessACountIsSet() {
        assertEquals(12, TestConfigs.settings(Map.of()).prefetchFor(4));
        assertEquals(20, TestConfigs.settings(Map.of("prefetchMultiplier", 5)).prefetchFor(4));
        assertEquals(7, TestConfigs.settings(Map.of("prefetchCount", 7)).prefetchFor(4));
        assertEquals(TransportSettings.MAX_PREFETCH,
                TestConfigs.settings(Map.of("prefetchMultiplier", 60_000)).prefetchFor(100));
    }

    @Test
    void connectionsAreNamedAfterPrefixEndpointAndInstance() {
        EndpointAddress address = new EndpointAddress("Sales", "Sales", "2", "error");
        assertEquals("edgebus/Sales/2", TestConfigs.settings(Map.of()).connectionName(address));
        assertEquals("booth/Sales/2",
                TestConfigs.settings(Map.of("connectionNamePrefix", "booth")).connectionName(address));
    }

    private static void assertRejected(Map<String, Object> overrides, String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestConfigs.settings(overrides));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
