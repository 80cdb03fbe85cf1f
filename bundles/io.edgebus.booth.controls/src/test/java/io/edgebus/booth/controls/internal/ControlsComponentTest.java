package io.edgebus.booth.controls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.MessageHandler;
import io.edgebus.api.pipeline.DispatchBehavior;
import io.edgebus.api.pipeline.InvokeBehavior;
import io.edgebus.api.pipeline.ReceiveBehavior;
import io.edgebus.api.pipeline.RecoverabilityPolicy;
import io.edgebus.booth.controls.ControlCommand;
import io.edgebus.booth.controls.ControlState;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component's wiring: which service goes to which endpoint, and nothing left after deactivate. */
class ControlsComponentTest {
    record Registered(String type, Object service, String endpoint, Object ranking) {
    }

    private final List<Registered> registered = new ArrayList<>();
    private final List<Registered> unregistered = new ArrayList<>();

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Dictionary<?, ?> p = (Dictionary<?, ?>) args[2];
                    Registered r = new Registered(((Class<?>) args[0]).getSimpleName(), args[1],
                            (String) p.get("edgebus.endpoint"), p.get("service.ranking"));
                    registered.add(r);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (p2, m2, a2) -> {
                                if (m2.getName().equals("unregister")) {
                                    unregistered.add(r);
                                    return null;
                                }
                                throw new UnsupportedOperationException(m2.getName());
                            });
                });
    }

    private static ControlsConfig config(Map<String, Object> values) {
        return (ControlsConfig) Proxy.newProxyInstance(ControlsConfig.class.getClassLoader(), new Class<?>[] {ControlsConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void registersBehavioursAndStateOnTheEndpointAndTheCommandHandlerOnTheInstancesControlEndpoint() throws Exception {
        ControlsComponent component = new ControlsComponent();
        component.activate(context(), config(Map.of("instance", 2, "display", true, "ansi", false, "initialKeys", "Q3")));

        assertEquals(List.of(
                "ReceiveBehavior Sales 3000", "InvokeBehavior Sales 3000", "DispatchBehavior Sales 3000",
                "DispatchBehavior Sales 0", "ControlState Sales 0", "InvokeBehavior Sales 2000",
                "InvokeBehavior Sales 1000", "MessageHandler Sales.Control.2 0", "RecoverabilityPolicy Sales 0"),
                registered.stream().map(r -> r.type() + " " + r.endpoint() + " " + r.ranking()).toList());
        assertTrue(registered.get(0).service() instanceof ReceiveBehavior);
        assertTrue(registered.get(1).service() instanceof InvokeBehavior);
        assertTrue(registered.get(2).service() instanceof DispatchBehavior);

        ControlState state = (ControlState) registered.get(4).service();
        assertEquals(3, state.current().processingTimeLevel(), "initial keys applied");
        @SuppressWarnings("unchecked")
        MessageHandler<ControlCommand> handler = (MessageHandler<ControlCommand>) registered.get(7).service();
        handler.handle(new ControlCommand("qI1"), null);
        assertEquals(4, state.current().processingTimeLevel());
        assertTrue(state.current().databaseDown());
        assertTrue(threadAlive("edgebus-controls-display-Sales-2"));

        RecoverabilityPolicy policy = (RecoverabilityPolicy) registered.get(8).service();
        assertFalse(policy.delayedRetries("Sales"), "the o toggle starts off");
        handler.handle(new ControlCommand("o"), null);
        assertTrue(policy.delayedRetries("Sales"), "o turns delayed retries on");
        handler.handle(new ControlCommand("o"), null);
        assertFalse(policy.delayedRetries("Sales"), "and off again");
        assertFalse(policy.autoRateLimit("Sales"), "the p toggle starts off");
        handler.handle(new ControlCommand("p"), null);
        assertTrue(policy.autoRateLimit("Sales"), "p turns auto rate limiting on");
        handler.handle(new ControlCommand("P0"), null);
        assertFalse(policy.autoRateLimit("Sales"), "P0 off");

        component.deactivate();
        assertEquals(registered, unregistered);
        assertFalse(threadAlive("edgebus-controls-display-Sales-2"), "display thread ended");
    }

    @Test
    void withoutControlsOnlyTheProgressIsShownAndNothingFailsOrSlowsMessages() throws Exception {
        ControlsComponent component = new ControlsComponent();
        component.activate(context(), config(Map.of("edgebus_endpoint", "Billing", "controls", false,
                "display", true, "ansi", false, "keyboard", true)));

        assertEquals(List.of("ReceiveBehavior Billing 3000", "InvokeBehavior Billing 3000",
                "DispatchBehavior Billing 3000", "DispatchBehavior Billing 0"),
                registered.stream().map(r -> r.type() + " " + r.endpoint() + " " + r.ranking()).toList());
        assertTrue(threadAlive("edgebus-controls-display-Billing-1"));
        assertFalse(threadAlive("edgebus-controls-keyboard-Billing-1"), "no keys without controls");
        component.deactivate();
        assertEquals(registered, unregistered);
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
