package io.edgebus.booth.controls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "EdgeBus booth: instance controls",
        description = "Terminal UI, keyboard and bus controls and the demo behaviours of one endpoint instance (F21, F22).")
@interface ControlsConfig {
    String PID = "io.edgebus.booth.controls";

    @AttributeDefinition(name = "Endpoint", description = "The endpoint whose messages are slowed, failed and shown.")
    String edgebus_endpoint() default "Sales";

    @AttributeDefinition(name = "Instance", description = "This instance's number (1–3 for Sales).")
    int instance() default 1;

    @AttributeDefinition(name = "Control endpoint", required = false,
            description = "The instance's own endpoint that receives ControlCommand; empty: <endpoint>.Control.<instance>. "
                    + "The distro configures that endpoint (same transport, no routes).")
    String controlEndpoint() default "";

    @AttributeDefinition(name = "Demo controls", description = "The control keys and values, failure injection, slow "
            + "processing and ControlCommand over the bus (Sales). Off: the terminal shows the messages' progress only "
            + "(Billing, Shipping, Raffle).")
    boolean controls() default true;

    @AttributeDefinition(name = "Keyboard", description = "Read control keys from stdin.")
    boolean keyboard() default false;

    @AttributeDefinition(name = "Display", description = "Draw the terminal UI on stdout.")
    boolean display() default true;

    @AttributeDefinition(name = "Help panel", description = "Show the controls panel; instance 1 always shows it.")
    boolean helpPanel() default false;

    @AttributeDefinition(name = "ANSI", description = "Colours and screen redraws; off for logs and dumb terminals.")
    boolean ansi() default true;

    @AttributeDefinition(name = "Stage animation (ms)", description = "How long each stage of a manual-mode message shows.")
    long stageMillis() default 2500;

    @AttributeDefinition(name = "Initial keys", required = false,
            description = "Keys applied at start, absolute form recommended, e.g. Q2W1O1.")
    String initialKeys() default "";

    @AttributeDefinition(name = "Random seed", required = false, description = "Empty: unpredictable failures.")
    String seed() default "";
}
