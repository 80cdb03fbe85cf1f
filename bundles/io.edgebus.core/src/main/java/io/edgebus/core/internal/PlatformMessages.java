package io.edgebus.core.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgebus.api.MessageName;
import java.util.List;
import java.util.Map;

/**
 * The bodies an endpoint sends to the platform queues. Type names and PascalCase properties are
 * those of ServiceControl's endpoint plugins (heartbeats, saga audit), so a ServiceControl could read
 * them; times are ISO 8601 UTC as .NET's JSON serializers write DateTime. The metrics report is our
 * own format (docs/architecture.md, "Platform messages").
 */
final class PlatformMessages {
    private PlatformMessages() {
    }

    @MessageName("ServiceControl.Plugin.Heartbeat.Messages.RegisterEndpointStartup")
    record RegisterEndpointStartup(@JsonProperty("HostId") String hostId, @JsonProperty("Endpoint") String endpoint,
                                   @JsonProperty("StartedAt") String startedAt,
                                   @JsonProperty("HostProperties") Map<String, String> hostProperties,
                                   @JsonProperty("HostDisplayName") String hostDisplayName,
                                   @JsonProperty("Host") String host) {
    }

    @MessageName("ServiceControl.Plugin.Heartbeat.Messages.EndpointHeartbeat")
    record EndpointHeartbeat(@JsonProperty("ExecutedAt") String executedAt,
                             @JsonProperty("EndpointName") String endpointName,
                             @JsonProperty("HostId") String hostId, @JsonProperty("Host") String host) {
    }

    @MessageName("ServiceControl.EndpointPlugin.Messages.SagaState.SagaUpdatedMessage")
    record SagaUpdatedMessage(@JsonProperty("SagaState") String sagaState, @JsonProperty("SagaId") String sagaId,
                              @JsonProperty("Initiator") SagaChangeInitiator initiator,
                              @JsonProperty("ResultingMessages") List<SagaChangeOutput> resultingMessages,
                              @JsonProperty("Endpoint") String endpoint, @JsonProperty("IsNew") boolean isNew,
                              @JsonProperty("IsCompleted") boolean isCompleted,
                              @JsonProperty("StartTime") String startTime,
                              @JsonProperty("FinishTime") String finishTime,
                              @JsonProperty("SagaType") String sagaType) {
    }

    record SagaChangeInitiator(@JsonProperty("InitiatingMessageId") String initiatingMessageId,
                               @JsonProperty("MessageType") String messageType,
                               @JsonProperty("IsSagaTimeoutMessage") boolean isSagaTimeoutMessage,
                               @JsonProperty("TimeSent") String timeSent,
                               @JsonProperty("OriginatingMachine") String originatingMachine,
                               @JsonProperty("OriginatingEndpoint") String originatingEndpoint,
                               @JsonProperty("Intent") String intent) {
    }

    record SagaChangeOutput(@JsonProperty("MessageId") String messageId,
                            @JsonProperty("MessageType") String messageType,
                            @JsonProperty("Destination") String destination,
                            @JsonProperty("TimeSent") String timeSent, @JsonProperty("Intent") String intent) {
    }

    /** EdgeBus' own metrics report, one per endpoint instance and interval (not the NServiceBus.Metrics format). */
    @MessageName("EdgeBus.Monitoring.EndpointMetricsReport")
    record EndpointMetricsReport(@JsonProperty("Endpoint") String endpoint, @JsonProperty("Instance") String instance,
                                 @JsonProperty("HostId") String hostId,
                                 @JsonProperty("HostDisplayName") String hostDisplayName,
                                 @JsonProperty("IntervalStart") String intervalStart,
                                 @JsonProperty("IntervalEnd") String intervalEnd,
                                 @JsonProperty("Processed") long processed,
                                 @JsonProperty("ThroughputPerSecond") double throughputPerSecond,
                                 @JsonProperty("ProcessingTimeAvgMs") double processingTimeAvgMs,
                                 @JsonProperty("ProcessingTimeMaxMs") double processingTimeMaxMs,
                                 @JsonProperty("CriticalTimeAvgMs") double criticalTimeAvgMs,
                                 @JsonProperty("CriticalTimeMaxMs") double criticalTimeMaxMs,
                                 @JsonProperty("ImmediateRetries") long immediateRetries,
                                 @JsonProperty("DelayedRetries") long delayedRetries,
                                 @JsonProperty("Errors") long errors,
                                 @JsonProperty("QueueLength") long queueLength,
                                 @JsonProperty("ConcurrencyLimit") int concurrencyLimit,
                                 @JsonProperty("RateLimited") boolean rateLimited,
                                 @JsonProperty("ConsecutiveFailures") int consecutiveFailures) {
    }
}
