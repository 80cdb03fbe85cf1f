package io.edgebus.booth.raffle;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "EdgeBus booth: Raffle", description = "Picks a winner for each raffle order (F20).")
@interface RaffleConfig {
    String PID = "io.edgebus.booth.raffle";

    @AttributeDefinition(name = "Endpoint")
    String edgebus_endpoint() default "Raffle";

    @AttributeDefinition(name = "Participants", description = "Names to draw from.", required = false)
    String[] participants() default {};

    @AttributeDefinition(name = "Participants file",
            description = "A file with one name per line (e.g. scanned leads); added to the list above.", required = false)
    String participantsFile() default "";

    @AttributeDefinition(name = "Reveal mode", description = "fail: the winner's message fails on purpose and "
            + "is revealed from the error queue; audit: it succeeds and is revealed from the audit view.",
            options = {@Option(label = "fail", value = "fail"), @Option(label = "audit", value = "audit")})
    String revealMode() default "fail";
}
