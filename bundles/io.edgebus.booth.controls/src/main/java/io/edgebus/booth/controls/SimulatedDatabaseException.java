package io.edgebus.booth.controls;

/**
 * Thrown on purpose by failure injection: the failure rate dial or the database-down toggle.
 * Its type name shows in the error queue, so visitors see the failure is simulated.
 */
public class SimulatedDatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulatedDatabaseException(String message) {
        super(message);
    }
}
