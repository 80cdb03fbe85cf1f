package io.edgebus.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeSettingsTest {

    @Test
    void endpointEntriesNameTheEventsTheyServe() {
        BridgeSettings s = BridgeSettings.from(config(new String[] {"Sales=a.OrderBilled, a.OrderShipped", "ClientUI"},
                new String[] {"Billing=a.OrderPlaced"}, 16));
        assertEquals(List.of("a.OrderBilled", "a.OrderShipped"), s.a().endpoints().get("Sales"));
        assertEquals(List.of(), s.a().endpoints().get("ClientUI"));
        assertEquals(List.of("a.OrderPlaced"), s.b().endpoints().get("Billing"));
    }

    @Test
    void anEndpointOnBothSidesIsRefusedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BridgeSettings.from(config(new String[] {"Sales"}, new String[] {"Sales"}, 16)));
        assertTrue(e.getMessage().startsWith("sideB.endpoints: Sales"), e.getMessage());
    }

    @Test
    void aBadConcurrencyIsRefusedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BridgeSettings.from(config(new String[0], new String[0], 0)));
        assertTrue(e.getMessage().startsWith("concurrency:"), e.getMessage());
    }

    @Test
    void onlyEndpointChangesAreAppliedInPlace() {
        BridgeSettings one = BridgeSettings.from(config(new String[] {"Sales"}, new String[] {"Billing"}, 16));
        BridgeSettings two = BridgeSettings.from(config(new String[] {"Sales"}, new String[] {"Billing", "Raffle"}, 16));
        BridgeSettings three = BridgeSettings.from(config(new String[] {"Sales"}, new String[] {"Billing"}, 8));
        assertTrue(two.sameExceptEndpoints(one));
        assertTrue(!three.sameExceptEndpoints(one));
    }

    static BridgeConfig config(String[] a, String[] b, int concurrency) {
        return new BridgeConfig() {
            public Class<? extends Annotation> annotationType() { return BridgeConfig.class; }
            public String bridge_name() { return "bridge"; }
            public String transportA_target() { return "(transport.name=a)"; }
            public String transportB_target() { return "(transport.name=b)"; }
            public String[] sideA_endpoints() { return a; }
            public String[] sideB_endpoints() { return b; }
            public String sideA_errorQueue() { return "bridge.error"; }
            public String sideB_errorQueue() { return "bridge.error"; }
            public int concurrency() { return concurrency; }
            public int maxMessageBytes() { return 262_144; }
            public int dedupWindowSeconds() { return 600; }
            public int dedupCapacity() { return 1000; }
            public String dedupDirectory() { return ""; }
            public int holdSeconds() { return 300; }
            public int reportIntervalSeconds() { return 30; }
        };
    }
}
