package io.edgebus.booth.controls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.booth.controls.ControlParser;
import io.edgebus.booth.controls.ControlProfile;
import io.edgebus.booth.controls.ControlValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalViewTest {
    private final ProgressBoard board = new ProgressBoard(5);

    private List<ProgressBoard.Line> someMessages() {
        board.begin("1", "QXTB PlaceOrder");
        board.finish("1", Stage.DONE, "");
        board.begin("2", "ABCD OrderBilled");
        board.finish("2", Stage.FAILED, "SimulatedDatabaseException: database is down (simulated, toggle i)");
        board.begin("3", "EFGH PlaceOrder");
        board.stage("3", Stage.DISPATCHING);
        board.animate("3", 0.25);
        board.begin("4", "ControlCommand");
        board.stage("4", Stage.PROCESSING);
        return board.lines();
    }

    @Test
    void plainRenderingShowsEachMessagesStageAndTheHelpPanel() {
        ControlValues values = ControlParser.apply(ControlProfile.SALES, ControlValues.initial(), "Q2").values();
        String screen = new TerminalView("Sales 1", false, true).render(someMessages(), values, List.of("unknown key '?' ignored"));

        assertEquals(String.join("\n",
                "Sales 1",
                "processing 0.3 s  failures 0 %  db down off  delayed retries off  rate limit off",
                "QXTB PlaceOrder          done",
                "ABCD OrderBilled         FAILED        SimulatedDatabaseException: database is down (simulated, toggle i)",
                "EFGH PlaceOrder          dispatching   [#####...............]",
                "ControlCommand           processing",
                "",
                "Controls (lower-case steps, upper-case + digit sets, e.g. Q5):",
                "  q/a  processing time                0.3 s",
                "  w/s  database failure rate          0 %",
                "  i    database down                  off",
                "  o    delayed retries                off",
                "  p    auto rate limiting             off",
                "  x    fail the animating stage",
                "note: unknown key '?' ignored",
                ""), screen);
    }

    @Test
    void otherInstancesHaveNoHelpPanelAndAnsiRedrawsInColour() {
        String screen = new TerminalView("Sales 2", true, false).render(someMessages(), ControlValues.initial(), List.of());
        assertTrue(screen.startsWith(TerminalView.HOME_AND_CLEAR + "Sales 2\n"
                + "processing 0.1 s  failures 0 %  db down off  delayed retries off  rate limit off\n"),
                "every instance shows its values in one line");
        assertTrue(screen.contains("\u001b[32mQXTB PlaceOrder          done\u001b[0m"));
        assertTrue(screen.contains("\u001b[31mABCD OrderBilled"));
        assertFalse(screen.contains("Controls"));
    }

    @Test
    void anEndpointWithoutControlsShowsItsMessagesOnly() {
        String screen = new TerminalView("Billing 1", false, true, false).render(someMessages(),
                ControlValues.initial(), List.of());
        assertTrue(screen.startsWith("Billing 1\nQXTB PlaceOrder"), screen);
        assertFalse(screen.contains("processing 0.1 s"));
        assertFalse(screen.contains("Controls"));
    }

    @Test
    void theHeaderShowsAutoRateLimitingAndFailuresInARow() {
        assertEquals("", TerminalView.rateLimitStatus(false, 0));
        assertEquals("3 failures in a row", TerminalView.rateLimitStatus(false, 3));
        String status = TerminalView.rateLimitStatus(true, 7);
        assertEquals("RATE LIMITED: one message at a time (7 failures in a row)", status);
        String plain = new TerminalView("Sales 1", false, false).render(status, List.of(), ControlValues.initial(), List.of());
        assertEquals("Sales 1  " + status + "\n"
                + "processing 0.1 s  failures 0 %  db down off  delayed retries off  rate limit off\n", plain);
        String ansi = new TerminalView("Sales 1", true, false).render(status, List.of(), ControlValues.initial(), List.of());
        assertTrue(ansi.contains("Sales 1  \u001b[31mRATE LIMITED"), ansi);
    }

    @Test
    void rendererDrawsToItsStreamOnlyWhenTheScreenChanged() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        String[] screen = {"one\n"};
        TerminalRenderer renderer = new TerminalRenderer(() -> screen[0],
                new PrintStream(buffer, true, StandardCharsets.UTF_8), "unused");
        assertTrue(renderer.drawIfChanged());
        assertFalse(renderer.drawIfChanged());
        screen[0] = "two\n";
        assertTrue(renderer.drawIfChanged());
        assertEquals("one\ntwo\n", buffer.toString(StandardCharsets.UTF_8));
    }
}
