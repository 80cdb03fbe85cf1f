package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 4: three Sales runtimes started by {@code sales-distro/bin/role sales N} in
 * tmux panes, driven with send-keys and read with capture-pane, as staff use them at the booth.
 * ClientUI, Billing, Shipping and Raffle run in this JVM's framework.
 */
class TerminalTmuxIT {
    private static final String HELP = "Controls (lower-case steps";

    private final BoothShop shop = new BoothShop();
    private Tmux tmux;
    private Path home;
    private List<String> panes = List.of();

    @AfterEach
    void cleanUp() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
        Thread.sleep(1000); // the runtimes close their connections before the queues go
        shop.close();
    }

    @Test
    void keysStepAndSetTheControlsAndABusCommandReachesAllThreeInstances() throws Exception {
        try {
            drive();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + evidence(), e);
        }
    }

    private void drive() throws Exception {
        shop.start(List.of("io.edgebus.booth.billing", "io.edgebus.booth.shipping", "io.edgebus.booth.raffle",
                "io.edgebus.booth.controls"));
        shop.configure(0);
        HandledCounter counter = new HandledCounter();
        counter.watch(shop.fw, shop.billing);
        tmux = new Tmux("edgebus-it-" + shop.run);
        panes = startSales(3);
        for (int n = 1; n <= 3; n++) {
            String title = shop.sales + " " + n;
            tmux.await(panes.get(n - 1), "terminal UI of instance " + n, 90,
                    s -> s.contains(title) && s.contains("processing 0.1 s"));
        }
        String one = panes.get(0);
        assertTrue(tmux.screen(one).contains(HELP), "instance 1 shows the help panel");
        assertFalse(tmux.screen(panes.get(1)).contains(HELP), "instance 2 does not");
        assertFalse(tmux.screen(panes.get(2)).contains(HELP), "instance 3 does not");

        tmux.type(one, "Q5");
        tmux.await(one, "processing time 0.6 s after Q5", 10, s -> s.contains("processing 0.6 s")
                && s.contains("processing time                0.6 s"));
        tmux.type(one, "q");
        tmux.await(one, "0.7 s after q", 10, s -> s.contains("processing 0.7 s"));
        tmux.type(one, "a");
        tmux.await(one, "0.6 s after a", 10, s -> s.contains("processing 0.6 s"));
        assertTrue(tmux.screen(panes.get(1)).contains("processing 0.1 s"), "keys act on their own instance only");

        for (String pane : panes) {
            tmux.type(pane, "I1");
            tmux.await(pane, "database down after I1", 10, s -> s.contains("db down on"));
        }
        String failing = UUID.randomUUID().toString();
        shop.clientUi.placeOrder(failing, "Website");
        await("the order failed into the error queue", 60, () -> shop.checks.errorCount() == 1);
        String label = io.edgebus.booth.contracts.OrderLabel.of(failing);
        await("a pane shows " + label + " failing", 10, () -> panes.stream().map(this::screenOf)
                .anyMatch(screen -> screen.contains(label + " PlaceOrder") && screen.contains("database is down")));

        for (String pane : panes) {
            tmux.type(pane, "I0");
            tmux.await(pane, "database up after I0", 10, s -> s.contains("db down off"));
        }
        String working = UUID.randomUUID().toString();
        shop.clientUi.placeOrder(working, "Website");
        await("the next order billed", 60, () -> counter.count(shop.billing, "OrderPlaced", working) == 1);

        Object command = shop.fw.bundleClass("io.edgebus.booth.controls", "io.edgebus.booth.controls.ControlCommand")
                .getConstructor(String.class).newInstance("Q3");
        shop.clientUi.publish(command);
        for (int n = 1; n <= 3; n++) {
            tmux.await(panes.get(n - 1), "processing time 0.4 s from the bus on instance " + n, 30,
                    s -> s.contains("processing 0.4 s"));
        }
    }

    /** Every pane's screen and the end of every Sales log, for a failure message. */
    private String evidence() {
        StringBuilder s = new StringBuilder();
        for (int n = 1; n <= panes.size(); n++) {
            s.append("---- pane of sales ").append(n).append(":\n").append(screenOf(panes.get(n - 1)).strip()).append('\n');
            try {
                List<String> log = Files.readAllLines(home.resolve("run/booth/sales-" + n + "/log/edgebus.log"));
                s.append("---- log of sales ").append(n).append(" (end):\n")
                        .append(String.join("\n", log.subList(Math.max(0, log.size() - 15), log.size()))).append('\n');
            } catch (Exception e) {
                s.append("(no log: ").append(e).append(")\n");
            }
        }
        return s.toString();
    }

    private String screenOf(String pane) {
        try {
            return tmux.screen(pane);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> startSales(int instances) throws Exception {
        home = Files.createTempDirectory("edgebus-tmux-it");
        Path role = SalesProcesses.DISTRO.resolve("bin/role").toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        env.put("EDGEBUS_HOME", home.toString());
        env.put("EDGEBUS_PG_SCHEMA", shop.schema);
        env.put("EDGEBUS_RABBITMQ_VHOST", shop.vhost);
        env.put("EDGEBUS_PROPS", "-Dedgebus.booth.sales=" + shop.sales + " -Dedgebus.booth.errors=" + shop.errors
                + " -Dedgebus.booth.raffleCampaign=" + BoothShop.RAFFLE);
        List<String> started = new ArrayList<>();
        for (int n = 1; n <= instances; n++) {
            env.put("EDGEBUS_HTTP_PORT", Integer.toString(freePort()));
            started.add(tmux.pane(env, role + " sales " + n));
        }
        return started;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
