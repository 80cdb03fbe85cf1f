package io.edgebus.benchmarks.handler;

import io.edgebus.api.Command;

/** The relayed command: an id and a ~1 KB string. */
public record BenchPayload(String id, String data) implements Command {
}
