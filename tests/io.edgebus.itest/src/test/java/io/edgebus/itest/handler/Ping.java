package io.edgebus.itest.handler;

import io.edgebus.api.Command;

/** The command streamed into the endpoints under test; the handler sleeps {@code workMillis}. */
public record Ping(String id, int workMillis) implements Command {
}
