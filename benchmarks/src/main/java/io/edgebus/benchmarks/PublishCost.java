package io.edgebus.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What one publish costs the broker and the client, by header count and queue type: a raw client
 * publishes persistent (or transient) messages with confirms, 100 in flight, to one fresh queue; the
 * broker's CPU time ({@code beam.smp}) and this process' CPU time are divided by the messages. Shows
 * why an audit copy (a second publish with ≈ 20 headers) is expensive on any client (docs/benchmarks.md).
 * Arguments: [messages] (default 20000); RabbitMQ at localhost:5672 as guest.
 */
public final class PublishCost {
    private record Case(String queueType, int headers, int deliveryMode) {
    }

    private static final List<Case> CASES = List.of(
            new Case("quorum", 0, 2), new Case("quorum", 24, 2),
            new Case("classic", 24, 2), new Case("classic-v2", 24, 2), new Case("classic", 24, 1));

    private PublishCost() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long broker = ProcStats.brokerPid();
        if (broker < 0) {
            System.err.println("no local RabbitMQ (beam.smp) process found: its CPU time is what this measures");
            System.exit(2);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        try (Connection connection = factory.newConnection("edgebus-benchmark-publish-cost");
             Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            System.out.printf(Locale.ROOT, "%,d messages of 1 KB per case, confirms with 100 in flight; load %s%n",
                    messages, ProcStats.loadAverage());
            // The JIT compiles the client's publish path during the first thousands: not a case's cost.
            ch.queueDelete("bench-publish-cost");
            ch.queueDeclare("bench-publish-cost", true, false, false, Map.of());
            publish(ch, "bench-publish-cost", properties(new Case("classic", 24, 1)), new byte[1024], 20_000);
            Thread.sleep(2_000);
            for (Case c : CASES) {
                String queue = "bench-publish-cost";
                ch.queueDelete(queue);
                ch.queueDeclare(queue, true, false, false, arguments(c.queueType()));
                AMQP.BasicProperties properties = properties(c);
                byte[] body = new byte[1024];
                publish(ch, queue, properties, body, 2_000); // warm-up
                ch.queuePurge(queue);
                long cpu0 = processCpuNanos();
                long broker0 = ProcStats.cpuTicks(broker);
                long start = System.nanoTime();
                publish(ch, queue, properties, body, messages);
                double seconds = (System.nanoTime() - start) / 1e9;
                double brokerMicros = (ProcStats.cpuTicks(broker) - broker0) * 1e6 / ProcStats.CLOCK_TICKS / messages;
                double clientMicros = (processCpuNanos() - cpu0) / 1e3 / messages;
                System.out.printf(Locale.ROOT, "%-10s %2d headers, %s: broker %4.0f us, client %4.1f us per message; %,.0f msg/s%n",
                        c.queueType(), c.headers(), c.deliveryMode() == 2 ? "persistent" : "transient ",
                        brokerMicros, clientMicros, messages / seconds);
                ch.queueDelete(queue);
            }
        }
    }

    private static Map<String, Object> arguments(String queueType) {
        return switch (queueType) {
            case "quorum" -> Map.of("x-queue-type", "quorum");
            case "classic-v2" -> Map.of("x-queue-version", 2);
            default -> Map.of();
        };
    }

    /** Header names and values of the length NServiceBus headers have. */
    private static AMQP.BasicProperties properties(Case c) {
        Map<String, Object> headers = new HashMap<>();
        for (int i = 0; i < c.headers(); i++) {
            headers.put("NServiceBus.Header" + i, "value-" + UUID.randomUUID());
        }
        return new AMQP.BasicProperties.Builder().deliveryMode(c.deliveryMode()).messageId(UUID.randomUUID().toString())
                .headers(headers).build();
    }

    private static void publish(Channel ch, String queue, AMQP.BasicProperties properties, byte[] body, int count)
            throws Exception {
        for (int i = 1; i <= count; i++) {
            ch.basicPublish("", queue, true, properties, body);
            if (i % 100 == 0) {
                ch.waitForConfirmsOrDie(30_000);
            }
        }
        ch.waitForConfirmsOrDie(30_000);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
