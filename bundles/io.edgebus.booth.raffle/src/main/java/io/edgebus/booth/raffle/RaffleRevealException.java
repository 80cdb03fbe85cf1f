package io.edgebus.booth.raffle;

/** Thrown on purpose: the message with the winner goes to the error queue, where staff reveal it. */
public class RaffleRevealException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RaffleRevealException(String orderId) {
        super("Raffle winner selected for order " + orderId + ": open this message in the console to reveal the winner");
    }
}
