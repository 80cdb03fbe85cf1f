package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import java.util.function.Consumer;

/** A delivery on its way through the receiver's pool; exactly one party acks or nacks it. */
final class Delivery implements Runnable {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int SETTLED = 2;

    private final Consumer<Delivery> processing;
    final ChannelAcks acks;
    final Envelope envelope;
    final AMQP.BasicProperties properties;
    final byte[] body;
    private int state = QUEUED; // guarded by this

    Delivery(ChannelAcks acks, Envelope envelope, AMQP.BasicProperties properties, byte[] body,
             Consumer<Delivery> processing) {
        this.processing = processing;
        this.acks = acks;
        this.envelope = envelope;
        this.properties = properties;
        this.body = body;
    }

    @Override
    public void run() {
        processing.accept(this);
    }

    long tag() {
        return envelope.getDeliveryTag();
    }

    synchronized boolean start() {
        if (state != QUEUED) {
            return false;
        }
        state = RUNNING;
        return true;
    }

    synchronized boolean isSettled() {
        return state == SETTLED;
    }

    /** True for the one caller that gets to ack or nack it. */
    synchronized boolean settle() {
        if (state == SETTLED) {
            return false;
        }
        state = SETTLED;
        return true;
    }
}
