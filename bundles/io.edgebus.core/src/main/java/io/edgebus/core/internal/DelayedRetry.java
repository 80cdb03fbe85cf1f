package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import io.edgebus.api.pipeline.RecoverabilityPolicy;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pieces of a delayed retry that need no endpoint: the policy vote and the message to send. */
final class DelayedRetry {
    private static final Logger LOG = LoggerFactory.getLogger(DelayedRetry.class);

    private DelayedRetry() {
    }

    /** Every policy must allow it; one that throws is ignored so a broken plug-in cannot lose messages. */
    static boolean allowed(List<RecoverabilityPolicy> policies, String endpointName) {
        for (RecoverabilityPolicy policy : policies) {
            try {
                if (!policy.delayedRetries(endpointName)) {
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: recoverability policy {} failed, ignored: {}", endpointName, policy, e.toString());
            }
        }
        return true;
    }

    /**
     * The same message (id, body, headers) to {@code queue} after {@code delay}, carrying the count of
     * delayed retries done as NServiceBus does, so ServiceControl and the next failure see it.
     */
    static OutgoingMessage message(String messageId, Map<String, String> headers, byte[] body, String queue,
                                   int retry, Duration delay) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(Headers.DELAYED_RETRIES, Integer.toString(retry));
        h.put(Headers.DELAYED_RETRIES_TIMESTAMP, WireTime.format(Instant.now()));
        return new OutgoingMessage(messageId, h, body, new Destination.Queue(queue), delay);
    }
}
