package io.edgebus.monitoring.queuelength.internal;

import org.slf4j.Logger;

/**
 * Logs a condition when it begins, changes kind, or ends, not on every poll: a management API that
 * is down for an hour gives one warning and one "works again", not 720 lines. One thread only.
 */
final class StateChanges {
    private final Logger log;
    private final String subject;
    private String problem; // kind of the current problem; null while all is well

    StateChanges(Logger log, String subject) {
        this.log = log;
        this.subject = subject;
    }

    /** Returns true when this is a new problem (and was logged). */
    boolean problem(String kind, String text) {
        if (kind.equals(problem)) {
            return false;
        }
        problem = kind;
        log.warn("{}: {}", subject, text);
        return true;
    }

    /** Returns true when a problem ended (and that was logged). */
    boolean fine(String text) {
        if (problem == null) {
            return false;
        }
        problem = null;
        log.info("{}: {}", subject, text);
        return true;
    }

    String problem() {
        return problem;
    }
}
