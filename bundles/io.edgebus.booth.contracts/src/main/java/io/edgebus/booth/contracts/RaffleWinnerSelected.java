package io.edgebus.booth.contracts;

import io.edgebus.api.Command;

/** Sent by Raffle to itself with the winner in the body. */
public record RaffleWinnerSelected(String orderId, String winner) implements Command {
    public RaffleWinnerSelected {
        Required.text("orderId", orderId);
        Required.text("winner", winner);
    }
}
