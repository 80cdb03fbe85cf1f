package io.edgebus.benchmarks;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.concurrent.TimeUnit;

/**
 * The raw relay as its own process, started by {@link RelayBenchmark} with the same JVM flags as the
 * runtime, so both sides run on equal terms (same heap, GC and JIT settings, a fresh JVM each round).
 * Arguments: host port user prefetch total timeoutSeconds from to single|multiple [auditQueue]; the
 * password comes in the environment variable BENCH_PASSWORD, not on the command line.
 */
public final class RawRelayMain {
    private RawRelayMain() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setPort(Integer.parseInt(args[1]));
        factory.setUsername(args[2]);
        factory.setPassword(System.getenv().getOrDefault("BENCH_PASSWORD", "guest"));
        int prefetch = Integer.parseInt(args[3]);
        long total = Long.parseLong(args[4]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[5]));
        boolean singleAcks = args.length > 8 && args[8].equals("single");
        String audit = args.length > 9 ? args[9] : null;
        try (Connection connection = factory.newConnection("edgebus-benchmark-raw-relay")) {
            RawRelay relay = new RawRelay(connection, prefetch, singleAcks, audit);
            relay.start(args[6], args[7]);
            while (relay.acked() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            relay.stop();
            System.exit(relay.acked() >= total ? 0 : 1);
        }
    }
}
