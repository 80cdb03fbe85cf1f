package io.edgebus.booth.clientui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.booth.contracts.PlaceOrder;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component as DS runs it: sends through the injected Bus and leaves no thread behind. */
class ClientUiComponentTest {

    private static ClientUiConfig config(Map<String, Object> values) {
        return (ClientUiConfig) Proxy.newProxyInstance(ClientUiConfig.class.getClassLoader(), new Class<?>[] {ClientUiConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void sendsOrdersOfItsCampaignAtItsRateAndStopsItsThreadOnDeactivate() throws Exception {
        RecordingBus bus = new RecordingBus();
        ClientUiComponent component = new ClientUiComponent();
        Field field = ClientUiComponent.class.getDeclaredField("bus");
        field.setAccessible(true);
        field.set(component, bus);

        component.activate(config(Map.of("rate", 9, "batchSeconds", 1, "seed", "11", "keyboard", false,
                "normalCampaign", "Booth")));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (bus.sent.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(threadAlive("edgebus-clientui-orders"));
        component.deactivate();

        assertFalse(threadAlive("edgebus-clientui-orders"));
        assertTrue(bus.sent.size() >= 3);
        assertEquals("Booth", ((PlaceOrder) bus.sent.get(0).message()).campaign());
    }
}
