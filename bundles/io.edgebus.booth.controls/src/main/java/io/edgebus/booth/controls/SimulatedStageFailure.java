package io.edgebus.booth.controls;

/** Thrown on purpose when {@code x} fails the stage that is animating in manual mode. */
public class SimulatedStageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulatedStageFailure(String message) {
        super(message);
    }
}
