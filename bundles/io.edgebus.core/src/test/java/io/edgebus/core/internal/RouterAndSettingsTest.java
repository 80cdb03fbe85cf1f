package io.edgebus.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterAndSettingsTest {

    @Test
    void anExactRouteBeatsTheLongestPackageRoute() {
        Router r = new Router(new String[] {"io.edgebus.*=A", "io.edgebus.core.*=B",
            "io.edgebus.core.internal.TestMessages$PlaceOrder=C"});
        assertEquals(Optional.of("C"), r.destinationFor(TestMessages.PlaceOrder.class));
        assertEquals(Optional.of("B"), r.destinationFor(TestMessages.OrderPlaced.class));
        assertEquals(Optional.of("A"), r.destinationFor(io.edgebus.api.Headers.class));
        assertEquals(Optional.empty(), r.destinationFor(String.class));
    }

    @Test
    void aMalformedRouteIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Router(new String[] {"no-equals-sign"}));
        assertTrue(e.getMessage().startsWith("routes:"), e.getMessage());
    }

    @Test
    void invalidSettingsAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EndpointSettings(
                "Sales", "1", "Sales", 0, null, "error", 1, Duration.ZERO, Duration.ZERO));
        assertTrue(e.getMessage().startsWith("concurrency:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EndpointSettings(
                "Sales; rm -rf /", "1", "Sales", 1, null, "error", 1, Duration.ZERO, Duration.ZERO));
        assertTrue(e.getMessage().startsWith("edgebus.endpoint:"), e.getMessage());
    }

    @Test
    void theInstanceIdIsDeterministicAndTheDisplayNameReadable() {
        HostInfo a = HostInfo.of("Sales", "2");
        assertEquals(a.hostId(), HostInfo.of("Sales", "2").hostId());
        assertTrue(!a.hostId().equals(HostInfo.of("Sales", "3").hostId()));
        assertEquals("sales-2", a.displayName());
    }

    @Test
    void headerTimestampsUseTheNServiceBusFormat() {
        java.time.Instant t = java.time.Instant.parse("2026-11-25T14:03:07.123456Z");
        assertEquals("2026-11-25 14:03:07:123456 Z", WireTime.format(t));
        assertEquals(t, WireTime.parse("2026-11-25 14:03:07:123456 Z"));
    }

    @Test
    void enclosedTypesDropDotNetAssemblyQualifiers() {
        assertEquals(java.util.List.of("Messages.OrderPlaced", "Messages.IOrderEvent"), MessageTypes.parseEnclosed(
                "Messages.OrderPlaced, Messages, Version=1.0.0.0;Messages.IOrderEvent, Messages"));
    }
}
