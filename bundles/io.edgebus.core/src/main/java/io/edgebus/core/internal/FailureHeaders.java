package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The headers a failed message carries into the error queue, as ServiceControl reads them. */
final class FailureHeaders {
    private static final int MAX_STACK_TRACE = 16 * 1024;

    private FailureHeaders() {
    }

    static Map<String, String> add(Map<String, String> original, Throwable error, String failedQueue,
                                   HostInfo host, int immediateRetries) {
        Map<String, String> h = new LinkedHashMap<>(original);
        h.put(Headers.FAILED_QUEUE, failedQueue);
        h.put(Headers.TIME_OF_FAILURE, WireTime.format(Instant.now()));
        h.put(Headers.EXCEPTION_TYPE, error.getClass().getName());
        if (error.getCause() != null) {
            h.put(Headers.INNER_EXCEPTION_TYPE, error.getCause().getClass().getName());
        }
        h.put(Headers.EXCEPTION_MESSAGE, String.valueOf(error.getMessage()));
        StackTraceElement[] trace = error.getStackTrace();
        h.put(Headers.EXCEPTION_SOURCE, trace.length > 0 ? trace[0].getClassName() : host.endpointName());
        h.put(Headers.EXCEPTION_STACK_TRACE, stackTrace(error));
        h.put(Headers.EXCEPTION_HELP_LINK, "");
        h.put(Headers.IMMEDIATE_RETRIES, Integer.toString(immediateRetries));
        h.put(Headers.PROCESSING_ENDPOINT, host.endpointName());
        h.put(Headers.PROCESSING_MACHINE, host.machine());
        h.put(Headers.HOST_ID, host.hostId());
        h.put(Headers.HOST_DISPLAY_NAME, host.displayName());
        return h;
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > MAX_STACK_TRACE ? text.substring(0, MAX_STACK_TRACE) + "\n\t... (truncated)" : text;
    }
}
