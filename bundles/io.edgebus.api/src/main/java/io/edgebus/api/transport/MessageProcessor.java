package io.edgebus.api.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Core's side of the receive loop. Called on transport threads, at most the configured number
 * at once. Throwing is treated as {@link ProcessResult#HAND_BACK}.
 */
@ConsumerType
public interface MessageProcessor {
    ProcessResult process(IncomingMessage message);

    /**
     * Like {@link #process}, but the result may come later: a processor can run the handlers, start
     * sending what they sent and return, so the calling transport thread is free while the broker
     * confirms. The transport acks (or hands back) the message when the stage completes; an
     * exceptional completion counts as {@link ProcessResult#HAND_BACK}.
     *
     * <p>Follow-up work that must not run on a broker I/O thread (for example retrying the handlers
     * after a failed send) goes to {@code continuation}: the transport runs it under the same
     * concurrency limit as {@code process}, and rejects it when it stops.
     *
     * <p>The default runs {@link #process} on the calling thread.
     *
     * @since 1.1
     */
    default CompletionStage<ProcessResult> processAsync(IncomingMessage message, Executor continuation) {
        return CompletableFuture.completedFuture(process(message));
    }
}
