package io.edgebus.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers of a message in the error queue, read and cleaned for its way back: what the failure
 * added goes, everything the sender set stays (id, types, conversation, correlation).
 */
final class RetryHeaders {
    static final String FAILED_QUEUE = "NServiceBus.FailedQ";
    static final String MESSAGE_ID = "NServiceBus.MessageId";

    /** Exact names the move to the error queue (or a delayed retry) adds. */
    private static final List<String> FAILURE = List.of(FAILED_QUEUE, "NServiceBus.TimeOfFailure",
            "NServiceBus.Retries", "NServiceBus.Retries.Timestamp", "NServiceBus.Retries.Immediate",
            "NServiceBus.ProcessingEndpoint", "NServiceBus.ProcessingMachine",
            "NServiceBus.Transport.RabbitMQ.DelayInSeconds");
    private static final String EXCEPTION_PREFIX = "NServiceBus.ExceptionInfo.";

    private RetryHeaders() {
    }

    /**
     * A copy without the failure headers: the retried message starts afresh, with its full immediate
     * and delayed retries, as a message retried from ServiceControl does.
     */
    static Map<String, Object> strip(Map<String, Object> headers) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (!FAILURE.contains(name) && !name.startsWith(EXCEPTION_PREFIX)) {
                    kept.put(name, value);
                }
            });
        }
        return kept;
    }

    /** A header as text (the client hands strings over as LongString), or null. */
    static String text(Map<String, Object> headers, String name) {
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }
}
