package io.edgebus.benchmarks;

import java.nio.file.Path;

/** The EdgeBus side of one round. */
record EdgeBusResult(Result relay, double startToFirstSeconds, long rssKb, long hwmKb, String flags, Path log) {
}
