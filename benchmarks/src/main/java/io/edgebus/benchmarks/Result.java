package io.edgebus.benchmarks;

/** Rate over the measured messages; CPU time (user + system) per relayed message of the relay process and of the broker. */
record Result(double rate, double seconds, long relayed, double relayCpuMicros, double brokerCpuMicros) {
}
