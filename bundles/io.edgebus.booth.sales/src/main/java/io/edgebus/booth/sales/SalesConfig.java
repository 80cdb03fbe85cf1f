package io.edgebus.booth.sales;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "EdgeBus booth: Sales order saga")
@interface SalesConfig {
    @AttributeDefinition(name = "Endpoint", description = "The endpoint that runs the saga.")
    String edgebus_endpoint() default "Sales";

    @AttributeDefinition(name = "Raffle campaign",
            description = "Orders of this campaign publish RaffleOrderCompleted when they complete.")
    String raffleCampaign() default "TechoramaBE2026";
}
