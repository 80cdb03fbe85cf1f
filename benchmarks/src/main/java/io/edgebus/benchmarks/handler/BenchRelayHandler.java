package io.edgebus.benchmarks.handler;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.SendOptions;
import org.osgi.service.component.annotations.Component;

/** Relays every {@link BenchPayload} of endpoint BenchRelay to the queue {@code bench-out}. */
@Component(service = MessageHandler.class, property = "edgebus.endpoint=BenchRelay")
public final class BenchRelayHandler implements MessageHandler<BenchPayload> {
    public static final String ENDPOINT = "BenchRelay";
    public static final String OUTPUT_QUEUE = "bench-out";
    private static final SendOptions TO_OUTPUT = SendOptions.builder().destination(OUTPUT_QUEUE).build();

    @Override
    public void handle(BenchPayload payload, MessageContext context) {
        context.send(payload, TO_OUTPUT);
    }
}
