package io.edgebus.monitoring.queuelength.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class StateChangesTest {

    @Test
    void aProblemIsLoggedWhenItBeginsChangesOrEndsNotOnEveryPoll() {
        Captured log = new Captured();
        StateChanges state = new StateChanges(log, "queue lengths of vhost 'booth'");
        for (int poll = 0; poll < 10; poll++) {
            state.problem("unreachable", "cannot reach the management API");
        }
        for (int poll = 0; poll < 5; poll++) {
            state.problem("unauthorized", "refused user 'guest'");
        }
        for (int poll = 0; poll < 5; poll++) {
            state.fine("the management API answers again");
        }
        assertEquals(List.of(
                "WARN queue lengths of vhost 'booth': cannot reach the management API",
                "WARN queue lengths of vhost 'booth': refused user 'guest'",
                "INFO queue lengths of vhost 'booth': the management API answers again"), log.lines);
    }

    /** A logger that keeps what it is given. */
    private static final class Captured extends AbstractLogger {
        final List<String> lines = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
        }

        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isTraceEnabled(Marker marker) { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isDebugEnabled(Marker marker) { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isInfoEnabled(Marker marker) { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isWarnEnabled(Marker marker) { return true; }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public boolean isErrorEnabled(Marker marker) { return true; }
    }
}
