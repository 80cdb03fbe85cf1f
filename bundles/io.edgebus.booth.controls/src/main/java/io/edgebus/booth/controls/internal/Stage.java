package io.edgebus.booth.controls.internal;

/** Where a message is on the way through this instance (F21). */
enum Stage {
    RECEIVED("received"),
    PROCESSING("processing"),
    DISPATCHING("dispatching"),
    ACKNOWLEDGING("acknowledging"),
    DONE("done"),
    FAILED("FAILED");

    final String text;

    Stage(String text) {
        this.text = text;
    }
}
