package io.edgebus.booth.clientui;

import io.edgebus.booth.controls.ControlProfile;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.HelpPanel;
import java.util.List;

/** The ClientUI screen as lines: one per order sent, and the controls after each key. */
final class ClientView {
    private ClientView() {
    }

    static String sent(OrderSender.Sent sent) {
        return "sent " + sent.label() + "  " + sent.campaign()
                + (sent.twice() ? "  twice (same message id)" : "")
                + (sent.manual() ? "  [manual]" : "");
    }

    static String controls(ControlValues values, List<String> notes) {
        StringBuilder s = new StringBuilder();
        HelpPanel.lines(ControlProfile.CLIENT, values).forEach(l -> s.append(l).append('\n'));
        notes.forEach(n -> s.append("note: ").append(n).append('\n'));
        return s.toString();
    }
}
