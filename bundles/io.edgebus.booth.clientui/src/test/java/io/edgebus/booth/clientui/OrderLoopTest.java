package io.edgebus.booth.clientui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.ManualMode;
import io.edgebus.booth.controls.ParseResult;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OrderLoopTest {
    private final RecordingBus bus = new RecordingBus();
    private final List<String> screen = new CopyOnWriteArrayList<>();

    private OrderLoop loop(int batchSeconds) {
        Random random = new Random(5);
        OrderSender sender = new OrderSender(() -> bus, random, UUID::randomUUID, "TechoramaBE2026", "Website");
        return new OrderLoop(new BatchPlanner(random, batchSeconds), sender, ControlValues.initial(), screen::add, "test-orders");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "condition within 5 s");
    }

    @Test
    void keysChangeTheDialsAndShowTheControls() {
        OrderLoop loop = loop(5);
        ParseResult r = loop.keys("qqwRe?");
        assertEquals(2, loop.values().rate());
        assertEquals(1, loop.values().duplicates());
        assertEquals(1, loop.values().noise(), "R without digit noted, e raises noise");
        assertEquals(List.of("R ignored: needs a digit, e.g. R1", "unknown key '?' ignored"), r.notes());
        assertTrue(screen.get(0).contains("2/s"));
        assertTrue(screen.get(0).contains("note: unknown key '?' ignored"));
    }

    @Test
    void manualModeSendsOneMarkedOrderPerPressAndStopsWithoutLeavingItsThread() throws Exception {
        OrderLoop loop = loop(5);
        loop.start();
        loop.keys("br");
        loop.keys("b");
        await(() -> bus.sent.size() == 2);
        Thread.sleep(300);
        assertEquals(2, bus.sent.size(), "nothing but the presses in manual mode");
        assertTrue(bus.sent.stream().allMatch(m -> ManualMode.isSet(m.options().headers())));
        assertTrue(screen.stream().anyMatch(l -> l.startsWith("sent ") && l.endsWith("[manual]")));

        loop.stop();
        assertFalse(loop.isAlive());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-orders")));
    }

    @Test
    void atARateOrdersFlowUnmarkedUntilStopped() throws Exception {
        OrderLoop loop = loop(1);
        loop.keys("Q9");
        loop.start();
        await(() -> bus.sent.size() >= 5);
        loop.stop();
        assertFalse(loop.isAlive());
        int sent = bus.sent.size();
        Thread.sleep(300);
        assertEquals(sent, bus.sent.size(), "no order after stop");
        assertTrue(bus.sent.stream().noneMatch(m -> ManualMode.isSet(m.options().headers())));
    }
}
