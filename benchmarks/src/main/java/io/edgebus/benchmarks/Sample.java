package io.edgebus.benchmarks;

/** What watching the output queue saw: first arrival, warm-up and end marks, CPU at each mark. */
final class Sample {
    long[] cpuAtWarmEnd;
    long[] cpuAtEnd;
    long firstNanos;
    long warmEnd;
    long warmCount;
    long measuredEnd;
    long endCount;
    long lastCount;

    Result result() {
        long relayed = endCount - warmCount;
        double seconds = (measuredEnd - warmEnd) / 1e9;
        double relayCpu = cpuMicrosPerMessage(0, relayed);
        double brokerCpu = cpuMicrosPerMessage(1, relayed);
        return new Result(relayed / seconds, seconds, relayed, relayCpu, brokerCpu);
    }

    private double cpuMicrosPerMessage(int which, long relayed) {
        if (cpuAtWarmEnd == null || cpuAtEnd == null || cpuAtWarmEnd[which] < 0 || cpuAtEnd[which] < 0) {
            return Double.NaN;
        }
        return (cpuAtEnd[which] - cpuAtWarmEnd[which]) * (1e6 / ProcStats.CLOCK_TICKS) / relayed;
    }
}
