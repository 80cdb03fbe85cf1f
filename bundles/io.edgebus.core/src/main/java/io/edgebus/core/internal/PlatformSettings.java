package io.edgebus.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an endpoint reports to the platform (audit, saga audit, heartbeats, metrics) and how often,
 * and after how long without receiving it raises the stall alarm; an empty queue name or a zero
 * interval turns that off. Validated with the field name.
 */
record PlatformSettings(String auditQueue, String sagaAuditQueue, String serviceControlQueue,
                        Duration heartbeatInterval, String monitoringQueue, Duration metricsInterval,
                        Duration stallAlarm) {

    /** Nothing reported: the default of the plain-Java constructors and unit tests. */
    static final PlatformSettings OFF = new PlatformSettings("", "", "", Duration.ZERO, "", Duration.ZERO);

    /** Without the receive stall alarm. */
    PlatformSettings(String auditQueue, String sagaAuditQueue, String serviceControlQueue,
                     Duration heartbeatInterval, String monitoringQueue, Duration metricsInterval) {
        this(auditQueue, sagaAuditQueue, serviceControlQueue, heartbeatInterval, monitoringQueue, metricsInterval,
                Duration.ZERO);
    }

    PlatformSettings {
        auditQueue = queue("auditQueue", auditQueue);
        sagaAuditQueue = queue("sagaAuditQueue", sagaAuditQueue);
        serviceControlQueue = queue("serviceControlQueue", serviceControlQueue);
        monitoringQueue = queue("monitoringQueue", monitoringQueue);
        if (heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("heartbeatIntervalSeconds: must not be negative");
        }
        if (metricsInterval.isNegative()) {
            throw new IllegalArgumentException("metricsIntervalSeconds: must not be negative");
        }
        if (stallAlarm.isNegative()) {
            throw new IllegalArgumentException("stallAlarmSeconds: must not be negative");
        }
    }

    static PlatformSettings from(EndpointConfig c) {
        return new PlatformSettings(c.auditQueue(), c.sagaAuditQueue(), c.serviceControlQueue(),
                Duration.ofSeconds(c.heartbeatIntervalSeconds()), c.monitoringQueue(),
                Duration.ofSeconds(c.metricsIntervalSeconds()), Duration.ofSeconds(c.stallAlarmSeconds()));
    }

    boolean audit() {
        return !auditQueue.isEmpty();
    }

    boolean sagaAudit() {
        return !sagaAuditQueue.isEmpty();
    }

    boolean heartbeats() {
        return !serviceControlQueue.isEmpty() && !heartbeatInterval.isZero();
    }

    boolean stallAlarmOn() {
        return !stallAlarm.isZero();
    }

    boolean metrics() {
        return !monitoringQueue.isEmpty() && !metricsInterval.isZero();
    }

    /** The queues the endpoint sends to, so the transport declares them before the first send. */
    List<String> queues() {
        List<String> q = new ArrayList<>();
        for (String name : List.of(auditQueue, sagaAuditQueue, serviceControlQueue,
                metrics() ? monitoringQueue : "")) {
            if (!name.isEmpty() && !q.contains(name)) {
                q.add(name);
            }
        }
        return q;
    }

    private static String queue(String field, String value) {
        String v = value == null ? "" : value.trim();
        if (!v.isEmpty() && !v.matches(EndpointSettings.NAME_PATTERN)) {
            throw new IllegalArgumentException(field + ": must be empty (off) or match "
                    + EndpointSettings.NAME_PATTERN + ", was '" + value + "'");
        }
        return v;
    }
}
