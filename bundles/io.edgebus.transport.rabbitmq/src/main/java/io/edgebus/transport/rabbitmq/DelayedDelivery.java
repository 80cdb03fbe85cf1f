package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * NServiceBus' delayed delivery v2, so delays sent here and from .NET endpoints share one broker-side
 * infrastructure: 28 levels of topic exchange + quorum queue ({@code nsb.v2.delay-level-NN}) whose
 * message TTL is 2^NN s and which dead-letter into the next lower level; level 00 ends in the topic
 * exchange {@code nsb.v2.delay-delivery}, to which each destination binds {@code #.<address>}. The
 * routing key carries the delay as 28 binary digits, so each level only has to look at its own bit.
 */
final class DelayedDelivery {
    static final int LEVELS = 28;
    static final int MAX_LEVEL = LEVELS - 1;
    static final long MAX_DELAY_SECONDS = (1L << LEVELS) - 1;
    static final String DELAY_HEADER = "NServiceBus.Transport.RabbitMQ.DelayInSeconds";
    static final String DELIVERY_EXCHANGE = "nsb.v2.delay-delivery";

    private DelayedDelivery() {
    }

    static String levelName(int level) {
        return String.format("nsb.v2.delay-level-%02d", level);
    }

    static String bindingKey(String address) {
        return "#." + address;
    }

    /** Whole seconds, rounded up: a message must never arrive before its delay is over. */
    static long delaySeconds(Duration delay) {
        long seconds = delay.getSeconds();
        return delay.getNano() > 0 ? seconds + 1 : seconds;
    }

    /** The delay as 28 dot-separated binary digits, highest first, then the address. */
    static String routingKey(long delaySeconds, String address) {
        checkRange(delaySeconds);
        StringBuilder key = new StringBuilder(2 * LEVELS + address.length());
        for (int level = MAX_LEVEL; level >= 0; level--) {
            key.append(((delaySeconds >> level) & 1) == 1 ? '1' : '0').append('.');
        }
        return key.append(address).toString();
    }

    /** The level a message enters: its highest set bit (0 for a zero delay). */
    static int startingLevel(long delaySeconds) {
        checkRange(delaySeconds);
        return delaySeconds == 0 ? 0 : 63 - Long.numberOfLeadingZeros(delaySeconds);
    }

    /** Declares the levels and the delivery exchange exactly as NServiceBus does; idempotent. */
    static void declare(Channel channel) throws IOException {
        String queueBindingKey = "1.#";
        for (int level = MAX_LEVEL; level >= 0; level--) {
            String name = levelName(level);
            channel.exchangeDeclare(name, BuiltinExchangeType.TOPIC, true);
            Map<String, Object> arguments = Map.of(
                    "x-queue-type", "quorum",
                    "x-dead-letter-strategy", "at-least-once",
                    "x-overflow", "reject-publish",
                    "x-message-ttl", (1L << level) * 1000,
                    "x-dead-letter-exchange", level > 0 ? levelName(level - 1) : DELIVERY_EXCHANGE);
            channel.queueDeclare(name, true, false, false, arguments);
            channel.queueBind(name, name, queueBindingKey);
            queueBindingKey = "*." + queueBindingKey;
        }
        String nextLevelBindingKey = "0.#";
        for (int level = MAX_LEVEL; level >= 1; level--) {
            channel.exchangeBind(levelName(level - 1), levelName(level), nextLevelBindingKey);
            nextLevelBindingKey = "*." + nextLevelBindingKey;
        }
        channel.exchangeDeclare(DELIVERY_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.exchangeBind(DELIVERY_EXCHANGE, levelName(0), nextLevelBindingKey);
    }

    private static void checkRange(long delaySeconds) {
        if (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
            throw new IllegalArgumentException("delay must be 0.." + MAX_DELAY_SECONDS + " s, was " + delaySeconds);
        }
    }
}
