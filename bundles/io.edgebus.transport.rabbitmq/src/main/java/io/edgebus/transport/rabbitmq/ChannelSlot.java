package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * One channel for synchronous broker operations (declare, bind, passive checks), opened on first
 * use and re-opened after the broker closed it: a failed declaration or a passive check for a
 * missing name closes the channel it ran on.
 */
final class ChannelSlot {
    /** An operation on the channel. */
    interface Call<T> {
        T apply(Channel channel) throws IOException;
    }

    private final Supplier<Connection> connection;
    private Channel channel; // guarded by this

    ChannelSlot(Supplier<Connection> connection) {
        this.connection = connection;
    }

    synchronized <T> T call(Call<T> call) throws IOException {
        return call.apply(open());
    }

    /** Forgets the channel, e.g. after a reconnect or on close. */
    synchronized void reset() {
        discard(channel);
        channel = null;
    }

    private Channel open() throws IOException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        // Aborting the dead channel also stops the client from resurrecting it on every reconnect.
        discard(channel);
        channel = null;
        Connection current = connection.get();
        if (current == null) {
            throw new IOException("not connected");
        }
        Channel opened = current.createChannel();
        if (opened == null) {
            throw new IOException("the connection has no free channel");
        }
        channel = opened;
        return opened;
    }

    static void discard(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.abort();
        } catch (IOException | RuntimeException e) {
            // Already gone: nothing left to release.
        }
    }
}
