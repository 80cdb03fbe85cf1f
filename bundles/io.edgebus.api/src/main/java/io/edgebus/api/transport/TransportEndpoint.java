package io.edgebus.api.transport;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One endpoint's view of a transport: its receiver, its dispatcher and its subscriptions. It owns
 * the connections and threads it uses; {@link #close(Duration)} releases all of them.
 */
@ProviderType
public interface TransportEndpoint {

    /**
     * Creates the endpoint's queue and the extra queues it sends to by convention (error queue);
     * idempotent. Called before {@link #startReceiving}; retried by the transport when not connected.
     */
    void declareTopology(List<String> extraQueues);

    /**
     * Starts delivering messages of the input queue to {@code processor}, at most
     * {@code concurrency} at a time. A message is removed from the queue only when the processor
     * returns {@link ProcessResult#ACK}; on {@link ProcessResult#HAND_BACK}, an exception, a lost
     * connection or {@link #stopReceiving} timing out, it stays in the queue for redelivery.
     */
    void startReceiving(int concurrency, MessageProcessor processor);

    /**
     * Stops taking new messages, waits up to {@code drainTimeout} for running ones, then hands back
     * whatever is still running (its later result is ignored). Returns the number handed back.
     */
    int stopReceiving(Duration drainTimeout);

    /**
     * Sends messages and returns when the broker has confirmed every one of them. Throws
     * {@link io.edgebus.api.EdgeBusException} when any was not confirmed; some may have been stored.
     */
    void dispatch(List<OutgoingMessage> messages);

    /**
     * Sends like {@link #dispatch} but returns once the messages are handed to the broker; the stage
     * completes when the broker has confirmed every one of them, or exceptionally (with an
     * {@link io.edgebus.api.EdgeBusException}) when any was not confirmed in time. A message that
     * cannot be sent at all (bad destination, too large, stopped) may also fail the call directly.
     * The stage may complete on a transport I/O thread: don't block in what follows it.
     *
     * <p>The default calls {@link #dispatch} and returns a completed stage.
     *
     * @since 1.1
     */
    default CompletionStage<Void> dispatchAsync(List<OutgoingMessage> messages) {
        try {
            dispatch(messages);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * How many messages wait in {@code queue} (ready, not yet delivered), asked of the broker; for
     * monitoring, a few times a minute, never per message. Empty when the transport cannot tell or
     * is not connected.
     *
     * @since 1.2
     */
    default OptionalLong queueLength(String queue) {
        return OptionalLong.empty();
    }

    /**
     * Makes this endpoint's queue receive events of {@code typeHierarchy.get(0)}. The list holds the
     * event type's wire name first, then its super types' names (so publishing a sub type reaches
     * subscribers of a super type). Idempotent.
     */
    void subscribe(List<String> typeHierarchy);

    /** Stops events of this type from reaching the queue. Idempotent. */
    void unsubscribe(String messageType);

    /** The connection state. */
    TransportState state();

    /** Called on every state change, on a transport thread. */
    void onStateChange(Consumer<TransportState> listener);

    /** Stops receiving (as {@link #stopReceiving}) and closes connections and threads. */
    void close(Duration drainTimeout);
}
