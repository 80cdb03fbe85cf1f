package io.edgebus.booth.clientui;

import io.edgebus.api.Bus;
import io.edgebus.api.SendOptions;
import io.edgebus.booth.contracts.OrderLabel;
import io.edgebus.booth.contracts.PlaceOrder;
import io.edgebus.booth.controls.ManualMode;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends one order: a new UUID order id, the campaign of the raffle toggle, and with probability
 * duplicates/10 a second send with the same message id, which Sales must deduplicate (F16).
 */
final class OrderSender {
    /** What was sent, for the screen. */
    record Sent(String orderId, String label, String campaign, boolean twice, boolean manual) {
    }

    private final Supplier<Bus> bus;
    private final Random random;
    private final Supplier<UUID> ids;
    private final String raffleCampaign;
    private final String normalCampaign;

    OrderSender(Supplier<Bus> bus, Random random, Supplier<UUID> ids, String raffleCampaign, String normalCampaign) {
        this.bus = bus;
        this.random = random;
        this.ids = ids;
        this.raffleCampaign = raffleCampaign;
        this.normalCampaign = normalCampaign;
    }

    /** Whether to send twice at duplicate level 0–9. */
    boolean sendTwice(int duplicates) {
        return duplicates > 0 && random.nextInt(10) < duplicates;
    }

    Sent send(boolean raffle, int duplicates, boolean manual) {
        String orderId = ids.get().toString();
        String campaign = raffle ? raffleCampaign : normalCampaign;
        SendOptions.Builder options = SendOptions.builder().messageId(ids.get().toString());
        if (manual) {
            options.header(ManualMode.HEADER, ManualMode.VALUE);
        }
        SendOptions built = options.build();
        PlaceOrder order = new PlaceOrder(orderId, campaign);
        Bus target = bus.get();
        target.send(order, built);
        boolean twice = sendTwice(duplicates);
        if (twice) {
            target.send(order, built);
        }
        return new Sent(orderId, OrderLabel.of(orderId), campaign, twice, manual);
    }
}
