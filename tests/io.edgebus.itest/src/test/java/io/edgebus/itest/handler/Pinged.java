package io.edgebus.itest.handler;

import io.edgebus.api.Event;

/** An event for the publish/subscribe tests. */
public record Pinged(String id) implements Event {
}
