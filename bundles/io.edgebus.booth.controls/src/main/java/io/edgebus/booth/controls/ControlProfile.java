package io.edgebus.booth.controls;

/** Which set of controls a terminal offers: the same letter means different things on each. */
public enum ControlProfile {
    /** A message-processing endpoint such as Sales. */
    SALES,
    /** The order generator. */
    CLIENT
}
