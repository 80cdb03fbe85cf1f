package io.edgebus.benchmarks;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Issue 6, acceptance 6: messages per second forwarded from RabbitMQ to an AMQP 1.0 broker (Artemis,
 * standing in for Azure Service Bus), 1 KB persistent, by (a) the raw clients (RabbitMQ Java client
 * consuming, Qpid JMS republishing, ack after the broker accepted) and (b) the EdgeBus bridge in
 * gateway.jar, in the same run against the same brokers. Each relay drains a queue prefilled with
 * the same messages; the rate is taken at the AMQP side between the warm-up mark and the last one.
 * Rounds of (a) then (b) alternate; the rates are averaged.
 * Usage: BridgeBenchmark --gateway-jar PATH [--messages N] [--warmup N] [--prefetch N] [--raw-sessions N]
 * [--rounds N] [--bridge-concurrency N] [--jvm-flags "..."]
 */
public final class BridgeBenchmark {
    /**
     * Where the raw relay runs: in the driver's JVM (the old way) or in its own, started with the
     * bridge's JVM flags; {@code amqpUri} is the Artemis it republishes to.
     */
    private record RawSide(boolean inProcess, String jvmFlags, String amqpUri) {
    }

    public static void main(String[] args) throws Exception {
        String jar = "gateway-distro/target/gateway.jar";
        int messages = 20_000;
        int warmup = 4_000;
        int prefetch = 100;
        int sessions = 4;
        int rounds = 2;
        int bridgeConcurrency = 16;
        String jvmFlags = "-Xmx128m";
        boolean rawInProcess = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway-jar" -> jar = args[++i];
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--prefetch" -> prefetch = Integer.parseInt(args[++i]);
                case "--raw-sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--bridge-concurrency" -> bridgeConcurrency = Integer.parseInt(args[++i]);
                case "--jvm-flags" -> jvmFlags = args[++i];
                case "--raw-in-process" -> rawInProcess = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        BenchMessages payload = new BenchMessages(1024);
        try (AmqpBroker broker = new AmqpBroker(); com.rabbitmq.client.Connection rabbit = factory.newConnection("bench-bridge-" + run);
             jakarta.jms.Connection amqp = broker.connect()) {
            RawSide rawSide = new RawSide(rawInProcess, jvmFlags, broker.uri());
            System.out.printf(Locale.ROOT, "bridge benchmark: %,d messages of 1 KB, persistent, rate over the last %,d; load %s%n",
                    messages, messages - warmup, Files.readString(Path.of("/proc/loadavg")).trim());

            double rawSum = 0;
            double bridgeSum = 0;
            for (int round = 1; round <= rounds; round++) {
                String id = run + "-" + round;
                double rawRate = raw(rabbit, amqp, rawSide, payload, "bench-raw-" + id, messages, warmup, prefetch, sessions);
                System.out.printf(Locale.ROOT, "round %d (a) raw RabbitMQ client -> Qpid JMS (%s, prefetch %d, %d sessions): %,.0f msg/s%n",
                        round, rawInProcess ? "in the driver's JVM" : "own JVM, " + jvmFlags, prefetch, sessions, rawRate);
                double bridgeRate = bridge(rabbit, amqp, broker, payload, id, messages, warmup, Path.of(jar), jvmFlags,
                        bridgeConcurrency, prefetch);
                System.out.printf(Locale.ROOT, "round %d (b) EdgeBus bridge (gateway.jar, %s, prefetch %d, concurrency %d): %,.0f msg/s%n",
                        round, jvmFlags, prefetch, bridgeConcurrency, bridgeRate);
                rawSum += rawRate;
                bridgeSum += bridgeRate;
            }
            System.out.printf(Locale.ROOT, "mean of %d rounds: raw %,.0f msg/s, bridge %,.0f msg/s; ratio bridge/raw: %.2f "
                    + "(target >= 0.8); load %s%n", rounds, rawSum / rounds, bridgeSum / rounds, bridgeSum / rawSum,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static double raw(com.rabbitmq.client.Connection rabbit, jakarta.jms.Connection amqp, RawSide side,
                              BenchMessages payload,
                              String queue, int messages, int warmup, int prefetch, int sessions) throws Exception {
        declare(rabbit, queue);
        payload.prefill(rabbit, queue, messages);
        AmqpBroker.Arrivals arrivals = new AmqpBroker.Arrivals(amqp, queue, warmup, messages);
        if (side.inProcess()) {
            RawAmqpRelay relay = new RawAmqpRelay(rabbit, amqp, prefetch, sessions, queue);
            relay.start(queue);
            try {
                return await(arrivals, warmup, messages);
            } finally {
                relay.stop();
                delete(rabbit, queue);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(side.jvmFlags().trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawAmqpRelayMain.class.getName(), side.amqpUri(),
                String.valueOf(prefetch), String.valueOf(sessions), queue, String.valueOf(messages), "600"));
        Process relay = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            return await(arrivals, warmup, messages);
        } finally {
            relay.destroyForcibly().waitFor();
            delete(rabbit, queue);
        }
    }

    private static double bridge(com.rabbitmq.client.Connection rabbit, jakarta.jms.Connection amqp, AmqpBroker broker,
                                 BenchMessages payload, String id, int messages, int warmup, Path jar, String jvmFlags,
                                 int concurrency, int prefetch) throws Exception {
        String endpoint = "bench-bridge-" + id;
        declare(rabbit, endpoint);
        payload.prefill(rabbit, endpoint, messages);
        AmqpBroker.Arrivals arrivals = new AmqpBroker.Arrivals(amqp, endpoint, warmup, messages);
        Process gateway = startGateway(jar, Files.createTempDirectory("edgebus-bench-gateway"), broker.uri(), id, jvmFlags,
                concurrency, prefetch);
        try {
            return await(arrivals, warmup, messages);
        } finally {
            gateway.destroyForcibly().waitFor();
            delete(rabbit, endpoint);
            delete(rabbit, "bench-bridge-error-" + id);
        }
    }

    /** The queue and the same-named exchange the RabbitMQ transport declares with it. */
    private static void delete(com.rabbitmq.client.Connection rabbit, String name) {
        try (Channel ch = rabbit.createChannel()) {
            ch.queueDelete(name);
            ch.exchangeDelete(name);
        } catch (Exception e) {
            System.err.println("could not delete " + name + ": " + e);
        }
    }

    /** A quorum queue, as the RabbitMQ transport declares an endpoint's queue by default. */
    private static void declare(com.rabbitmq.client.Connection rabbit, String queue) throws Exception {
        try (Channel ch = rabbit.createChannel()) {
            ch.queueDeclare(queue, true, false, false, java.util.Map.of("x-queue-type", "quorum"));
        }
    }

    private static double await(AmqpBroker.Arrivals arrivals, int warmup, int messages) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (arrivals.rate(warmup, messages) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + arrivals.count.get() + " of " + messages + " arrived in 10 min");
            }
            Thread.sleep(50);
        }
        return arrivals.rate(warmup, messages);
    }

    /** gateway.jar with the two transports and a bridge whose only side-B endpoint is the benchmark queue. */
    private static Process startGateway(Path jar, Path dir, String amqpUri, String id, String jvmFlags, int concurrency,
                                        int prefetch) throws Exception {
        String endpoint = "bench-bridge-" + id;
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(deploy.resolve("io.edgebus.transport.rabbitmq-bench.config"),
                "transport.name=\"bench-rabbitmq\"\nhost=\"localhost\"\nusername=\"guest\"\n.password=\"guest\"\n"
                        // the raw relay's prefetch: with the default (concurrency x 3) the bridge would hold fewer in flight
                        + "prefetchCount=I\"" + prefetch + "\"\n");
        Files.writeString(deploy.resolve("io.edgebus.transport.asb-bench.config"),
                "transport.name=\"bench-asb\"\nbrokerUri=\"" + amqpUri + "\"\n");
        Files.writeString(deploy.resolve("io.edgebus.bridge-bench.config"), "bridge.name=\"bench\"\n"
                + "transportA.target=\"(transport.name=bench-rabbitmq)\"\ntransportB.target=\"(transport.name=bench-asb)\"\n"
                + "sideB.endpoints=[\"" + endpoint + "\"]\nsideA.errorQueue=\"bench-bridge-error-" + id + "\"\n"
                + "sideB.errorQueue=\"bench-bridge-error\"\nconcurrency=I\"" + concurrency + "\"\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmFlags.trim().split("\\s+")));
        command.addAll(List.of("-Dfelix.fileinstall.enableConfigSave=false", "-Dorg.osgi.service.http.port=0",
                "-jar", jar.toAbsolutePath().toString()));
        System.out.println("(b) gateway.jar in " + dir + " (log: gateway.log)");
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile()).redirectInput(new File("/dev/null")).start();
    }
}
