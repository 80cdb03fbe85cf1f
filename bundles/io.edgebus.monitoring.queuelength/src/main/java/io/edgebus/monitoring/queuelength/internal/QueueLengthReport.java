package io.edgebus.monitoring.queuelength.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body sent to the monitoring queue once per poll: every selected queue of one virtual host at
 * one moment. PascalCase names and ISO 8601 UTC times, as core's metrics report
 * ({@code EdgeBus.Monitoring.EndpointMetricsReport}); our own format (docs/architecture.md,
 * "Platform messages").
 */
record QueueLengthReport(@JsonProperty("Source") String source,
                         @JsonProperty("ManagementUrl") String managementUrl,
                         @JsonProperty("VirtualHost") String virtualHost,
                         @JsonProperty("Reporter") String reporter,
                         @JsonProperty("HostId") String hostId,
                         @JsonProperty("Machine") String machine,
                         @JsonProperty("SampledAt") String sampledAt,
                         @JsonProperty("IntervalSeconds") long intervalSeconds,
                         @JsonProperty("Queues") List<Queue> queues,
                         @JsonProperty("MissingQueues") List<String> missingQueues) {

    /** The wire name, in {@code NServiceBus.EnclosedMessageTypes}. */
    static final String TYPE = "EdgeBus.Monitoring.QueueLengthReport";

    record Queue(@JsonProperty("Queue") String queue, @JsonProperty("Messages") long messages,
                 @JsonProperty("MessagesReady") long messagesReady,
                 @JsonProperty("MessagesUnacknowledged") long messagesUnacknowledged,
                 @JsonProperty("Consumers") long consumers) {

        static Queue of(QueueCounts q) {
            return new Queue(q.name(), q.messages(), q.ready(), q.unacknowledged(), q.consumers());
        }
    }
}
