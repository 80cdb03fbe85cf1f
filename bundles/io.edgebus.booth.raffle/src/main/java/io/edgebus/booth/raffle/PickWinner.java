package io.edgebus.booth.raffle;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.booth.contracts.RaffleOrderCompleted;
import io.edgebus.booth.contracts.RaffleWinnerSelected;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** F20: draws a winner for a completed raffle order and sends it to this endpoint. */
@Component(service = MessageHandler.class, configurationPid = RaffleConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RaffleConfig.class)
public class PickWinner implements MessageHandler<RaffleOrderCompleted> {
    private final Random random;
    private volatile List<String> participants;

    public PickWinner() {
        this(new SecureRandom());
    }

    PickWinner(Random random) {
        this.random = random;
    }

    @Activate
    @Modified
    void activate(RaffleConfig config) {
        participants = Participants.load(config.participants(), config.participantsFile());
    }

    void participants(List<String> names) {
        participants = List.copyOf(names);
    }

    @Override
    public void handle(RaffleOrderCompleted order, MessageContext context) {
        List<String> names = participants;
        String winner = names.get(random.nextInt(names.size()));
        context.sendLocal(new RaffleWinnerSelected(order.orderId(), winner));
    }
}
