package io.edgebus.itest.handler;

import io.edgebus.api.Command;

/** A command whose handler measures how many of them it handles at once. */
public record Gauge(String id) implements Command {
}
