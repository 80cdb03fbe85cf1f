package io.edgebus.transport.asb;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The NServiceBus error-queue headers for a message the transport itself gave up on. */
final class FailureHeaders {
    /** NServiceBus' wire format for times: UTC, a colon before the microseconds, " Z". */
    private static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss:SSSSSS 'Z'");
    static final String EXCEPTION_TYPE = "io.edgebus.transport.asb.DeliveryLimitExceeded";

    private FailureHeaders() {
    }

    static Map<String, String> deliveryLimit(String queue, String reason) {
        return Map.of(
                "NServiceBus.FailedQ", queue,
                "NServiceBus.TimeOfFailure", WIRE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)),
                "NServiceBus.ExceptionInfo.ExceptionType", EXCEPTION_TYPE,
                "NServiceBus.ExceptionInfo.Message", reason,
                "NServiceBus.ExceptionInfo.Source", "io.edgebus.transport.asb");
    }
}
