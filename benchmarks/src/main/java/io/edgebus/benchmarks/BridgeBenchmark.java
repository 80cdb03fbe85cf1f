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
 * Usage: BridgeBenchmark --gateway-jar PATH [--messages N] [--warmup N] [--prefetch N] [--raw-sessions N]
 * [--jvm-flags "..."]
 */
public final class BridgeBenchmark {

    public static void main(String[] args) throws Exception {
        String jar = "gateway-distro/target/gateway.jar";
        int messages = 20_000;
        int warmup = 4_000;
        int prefetch = 100;
        int sessions = 4;
        String jvmFlags = "-Xmx128m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway-jar" -> jar = args[++i];
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--prefetch" -> prefetch = Integer.parseInt(args[++i]);
                case "--raw-sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--jvm-flags" -> jvmFlags = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        BenchMessages payload = new BenchMessages(1024);
        try (AmqpBroker broker = new AmqpBroker(); com.rabbitmq.client.Connection rabbit = factory.newConnection("bench-bridge-" + run);
             jakarta.jms.Connection amqp = broker.connect()) {
            System.out.printf(Locale.ROOT, "bridge benchmark: %,d messages of 1 KB, persistent, rate over the last %,d; load %s%n",
                    messages, messages - warmup, Files.readString(Path.of("/proc/loadavg")).trim());

            String rawQueue = "bench-raw-" + run;
            declare(rabbit, rawQueue);
            System.out.println("(a) raw: prefilling");
            payload.prefill(rabbit, rawQueue, messages);
            AmqpBroker.Arrivals rawArrivals = new AmqpBroker.Arrivals(amqp, rawQueue, warmup, messages);
            RawAmqpRelay raw = new RawAmqpRelay(rabbit, amqp, prefetch, sessions, rawQueue);
            raw.start(rawQueue);
            double rawRate = await(rawArrivals, warmup, messages);
            raw.stop();
            System.out.printf(Locale.ROOT, "(a) raw RabbitMQ client -> Qpid JMS (prefetch %d, %d sessions): %,.0f msg/s%n",
                    prefetch, sessions, rawRate);

            String endpoint = "bench-bridge-" + run;
            declare(rabbit, endpoint);
            System.out.println("(b) bridge: prefilling");
            payload.prefill(rabbit, endpoint, messages);
            AmqpBroker.Arrivals bridgeArrivals = new AmqpBroker.Arrivals(amqp, endpoint, warmup, messages);
            Path dir = Files.createTempDirectory("edgebus-bench-gateway");
            Process gateway = startGateway(Path.of(jar), dir, broker.uri(), endpoint, jvmFlags);
            double bridgeRate;
            try {
                bridgeRate = await(bridgeArrivals, warmup, messages);
            } finally {
                gateway.destroyForcibly().waitFor();
            }
            System.out.printf(Locale.ROOT, "(b) EdgeBus bridge (gateway.jar, %s): %,.0f msg/s%n", jvmFlags, bridgeRate);
            System.out.printf(Locale.ROOT, "ratio bridge/raw: %.2f (target >= 0.8); load %s%n", bridgeRate / rawRate,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            try (Channel ch = rabbit.createChannel()) {
                ch.queueDelete(rawQueue);
                ch.queueDelete(endpoint);
                ch.queueDelete("bench-bridge-error-" + run);
            }
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
    private static Process startGateway(Path jar, Path dir, String amqpUri, String endpoint, String jvmFlags) throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(deploy.resolve("io.edgebus.transport.rabbitmq-bench.config"),
                "transport.name=\"bench-rabbitmq\"\nhost=\"localhost\"\nusername=\"guest\"\n.password=\"guest\"\n");
        Files.writeString(deploy.resolve("io.edgebus.transport.asb-bench.config"),
                "transport.name=\"bench-asb\"\nbrokerUri=\"" + amqpUri + "\"\n");
        Files.writeString(deploy.resolve("io.edgebus.bridge-bench.config"), "bridge.name=\"bench\"\n"
                + "transportA.target=\"(transport.name=bench-rabbitmq)\"\ntransportB.target=\"(transport.name=bench-asb)\"\n"
                + "sideB.endpoints=[\"" + endpoint + "\"]\nsideA.errorQueue=\"bench-bridge-error-" + endpoint.substring(13) + "\"\n"
                + "sideB.errorQueue=\"bench-bridge-error\"\n");
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
