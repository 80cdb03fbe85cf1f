package io.edgebus.booth.clientui;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "EdgeBus booth: ClientUI", description = "Simulated customers sending PlaceOrder (F16).")
@interface ClientUiConfig {
    String PID = "io.edgebus.booth.clientui";

    @AttributeDefinition(name = "Endpoint", description = "The endpoint whose Bus sends the orders; "
            + "its configuration routes PlaceOrder to Sales.")
    String edgebus_endpoint() default "ClientUI";

    @AttributeDefinition(name = "Bus filter", description = "Selects that endpoint's Bus service.")
    String bus_target() default "(edgebus.endpoint=ClientUI)";

    @AttributeDefinition(name = "Raffle campaign", description = "The campaign while the raffle toggle (r) is on.")
    String raffleCampaign() default "TechoramaBE2026";

    @AttributeDefinition(name = "Normal campaign")
    String normalCampaign() default "Website";

    @AttributeDefinition(name = "Initial rate", description = "Orders per second, 0–9; 0 is manual mode (b sends one).")
    int rate() default 1;

    @AttributeDefinition(name = "Initial noise", description = "0–9: how far batch sizes wander.")
    int noise() default 0;

    @AttributeDefinition(name = "Initial duplicates", description = "0–9: chance n/10 that an order is sent twice, same id.")
    int duplicates() default 0;

    @AttributeDefinition(name = "Batch seconds")
    int batchSeconds() default 5;

    @AttributeDefinition(name = "Random seed", required = false, description = "Empty: unpredictable.")
    String seed() default "";

    @AttributeDefinition(name = "Keyboard", description = "Read control keys from stdin.")
    boolean keyboard() default true;
}
