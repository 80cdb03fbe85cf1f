package io.edgebus.monitoring.queuelength.internal;

/**
 * One queue as the management API lists it. {@code messages} = ready + unacknowledged (what
 * {@code rabbitmqctl list_queues} shows); -1 for a count the API does not give yet (a queue's
 * statistics appear a few seconds after it was created).
 */
record QueueCounts(String name, long messages, long ready, long unacknowledged, long consumers) {
}
