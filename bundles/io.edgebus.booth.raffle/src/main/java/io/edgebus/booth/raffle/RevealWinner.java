package io.edgebus.booth.raffle;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.booth.contracts.RaffleWinnerSelected;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * F20: in {@code fail} mode the winner's message fails on purpose, so it lands in the error queue
 * with the winner in its body for staff to reveal; in {@code audit} mode it succeeds and the audit
 * queue has it.
 */
@Component(service = MessageHandler.class, configurationPid = RaffleConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class RevealWinner implements MessageHandler<RaffleWinnerSelected> {
    private static final Logger LOG = LoggerFactory.getLogger(RevealWinner.class);
    private volatile boolean failToReveal = true;

    @Activate
    @Modified
    void activate(RaffleConfig config) {
        failToReveal = mode(config.revealMode());
    }

    static boolean mode(String revealMode) {
        return switch (revealMode == null ? "" : revealMode.trim()) {
            case "fail" -> true;
            case "audit" -> false;
            default -> throw new IllegalArgumentException("revealMode: must be fail or audit, was '" + revealMode + "'");
        };
    }

    void failToReveal(boolean fail) {
        failToReveal = fail;
    }

    @Override
    public void handle(RaffleWinnerSelected selected, MessageContext context) {
        if (failToReveal) {
            throw new RaffleRevealException(selected.orderId());
        }
        LOG.info("raffle winner selected for order {} (reveal it from the audit view)", selected.orderId());
    }
}
