package io.edgebus.itest.handler;

import io.edgebus.api.Command;

/** A command whose handler fails the first {@code failTimes} attempts, then handles it. */
public record Flaky(String id, int failTimes) implements Command {
}
