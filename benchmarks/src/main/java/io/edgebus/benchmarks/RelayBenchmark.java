package io.edgebus.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Relay benchmark, one run on one broker: (a) a raw RabbitMQ client relay, the efficient way
 * (prefetch, manual acks, publisher confirms handled asynchronously, ack once confirmed), and
 * (b) the sales runtime as a separate process relaying through an EdgeBus endpoint. Both relay
 * the same pre-filled 1 KB persistent NServiceBus-format messages between quorum queues; both
 * rates are read the same way, from the output queue's depth. See docs/benchmarks.md.
 */
public final class RelayBenchmark {
    static final String ENDPOINT = "BenchRelay";
    static final String EDGEBUS_OUT = "bench-out";
    static final String RAW_IN = "bench-raw-in";
    static final String RAW_OUT = "bench-raw-out";
    static final String PAYLOAD_TYPE = "io.edgebus.benchmarks.handler.BenchPayload";
    static final Map<String, Object> QUORUM = Map.of("x-queue-type", "quorum");

    // Targets of issue 3, acceptance 5.
    static final double TARGET_RATIO = 0.8;
    static final double TARGET_START_S = 2.0;
    static final double TARGET_RSS_MB = 150;

    /** The JVM flags the runtime is started with unless --jvm-flags says otherwise (see docs/benchmarks.md). */
    static final String DEFAULT_JVM_FLAGS =
            "-Xss256k -Xms24m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m"
                    + " -XX:MaxMetaspaceSize=64m";

    private final Options o;
    private final ConnectionFactory factory = new ConnectionFactory();
    private final List<Runnable> cleanups = new ArrayList<>();

    private RelayBenchmark(Options options) {
        this.o = options;
        factory.setHost(o.host);
        factory.setPort(o.port);
        factory.setUsername(o.user);
        factory.setPassword(o.password);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        RelayBenchmark benchmark = new RelayBenchmark(options);
        Thread hook = new Thread(benchmark::cleanUp, "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = benchmark.run();
        System.exit(status);
    }

    private int run() {
        try (Connection connection = factory.newConnection("edgebus-benchmark")) {
            String rabbitVersion = String.valueOf(connection.getServerProperties().get("version"));
            System.out.printf(Locale.ROOT, "EdgeBus relay benchmark %s%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            System.out.printf(Locale.ROOT, "broker RabbitMQ %s at %s:%d; %d warm-up + %d measured messages of %d B, persistent, quorum queues, prefetch %d%n",
                    rabbitVersion, o.host, o.port, o.warmup, o.messages, o.bodyBytes, o.prefetch);
            System.out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s; load average %s%n", Runtime.getRuntime().availableProcessors(),
                    cpuModel(), System.getProperty("java.version"), loadAverage());

            List<Result> raws = new ArrayList<>();
            List<EdgeBusResult> buses = new ArrayList<>();
            for (int round = 1; round <= o.rounds; round++) {
                if (o.rounds > 1) {
                    System.out.printf(Locale.ROOT, "%n===== round %d of %d%n", round, o.rounds);
                }
                if (!o.skipRaw) {
                    raws.add(rawRelay(connection));
                }
                if (!o.skipEdgeBus) {
                    buses.add(edgeBusRelay(connection));
                }
            }
            report(raws, buses);
            return 0;
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            cleanUp();
        }
    }

    // ---------------------------------------------------------------- (a) raw client

    /** Rate over the measured messages; CPU time (user + system) per relayed message of the relay process and of the broker. */
    record Result(double rate, double seconds, long relayed, double relayCpuMicros, double brokerCpuMicros) {
    }

    static final double CLOCK_TICKS = 100; // USER_HZ on Linux

    /** utime + stime of a process in clock ticks, or -1. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The RabbitMQ node: the beam.smp process that has used the most CPU. */
    static long brokerPid() {
        long best = -1;
        long bestTicks = -1;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (!Files.readString(p.resolve("comm")).trim().equals("beam.smp")) {
                        continue;
                    }
                } catch (IOException e) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long ticks = cpuTicks(pid);
                if (ticks > bestTicks) {
                    best = pid;
                    bestTicks = ticks;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return best;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private Result rawRelay(Connection connection) throws Exception {
        int total = o.warmup + o.messages;
        try (Channel admin = connection.createChannel()) {
            for (String q : List.of(RAW_IN, RAW_OUT)) {
                deleteQueue(connection, q);
                admin.queueDeclare(q, true, false, false, QUORUM);
                addCleanup(() -> deleteQueue(connection, q));
            }
        }
        System.out.printf(Locale.ROOT, "%n(a) raw client: pre-filling %s with %d messages...%n", RAW_IN, total);
        prefill(connection, RAW_IN, total);

        Channel in = connection.createChannel();
        Channel out = connection.createChannel();
        in.basicQos(o.prefetch);
        out.confirmSelect();
        // publish sequence number -> delivery tag of the original; one consumer, so both grow together
        ConcurrentNavigableMap<Long, Long> pending = new ConcurrentSkipListMap<>();
        AtomicLong acked = new AtomicLong();
        Object ackLock = new Object();
        out.addConfirmListener((seq, multiple) -> {
            long highestTag;
            synchronized (ackLock) {
                if (o.rawSingleAcks) { // experiment: one basic.ack per message, as EdgeBus' receiver does
                    ConcurrentNavigableMap<Long, Long> done = multiple ? pending.headMap(seq, true) : pending.subMap(seq, true, seq, true);
                    for (Long tag : done.values()) {
                        in.basicAck(tag, false);
                        acked.incrementAndGet();
                    }
                    done.clear();
                    return;
                }
                if (multiple) {
                    ConcurrentNavigableMap<Long, Long> done = pending.headMap(seq, true);
                    highestTag = done.isEmpty() ? -1 : done.lastEntry().getValue();
                    done.clear();
                } else {
                    Long tag = pending.remove(seq);
                    highestTag = tag == null ? -1 : tag;
                }
                // Ack (multiple) everything below the oldest original still waiting for its confirm.
                Map.Entry<Long, Long> oldest = pending.firstEntry();
                long upTo = oldest == null ? Math.max(highestTag, acked.get()) : oldest.getValue() - 1;
                if (upTo > acked.get()) {
                    in.basicAck(upTo, true);
                    acked.set(upTo);
                }
            }
        }, (seq, multiple) -> {
            throw new IllegalStateException("broker nacked a republish (" + seq + ")");
        });
        DefaultConsumer consumer = new DefaultConsumer(in) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                pending.put(out.getNextPublishSeqNo(), envelope.getDeliveryTag());
                out.basicPublish("", RAW_OUT, properties, body);
            }
        };
        System.out.println("(a) relaying...");
        long start = System.nanoTime();
        String consumerTag = in.basicConsume(RAW_IN, false, consumer);
        Sample s = watchOutput(connection, RAW_OUT, start, null);
        while (acked.get() < total && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(o.timeoutSeconds)) {
            Thread.sleep(5);
        }
        in.basicCancel(consumerTag);
        in.close();
        out.close();
        if (s.measuredEnd == 0) {
            throw new IllegalStateException("raw relay did not finish within " + o.timeoutSeconds + " s");
        }
        Result r = s.result();
        System.out.printf(Locale.ROOT, "(a) %,.0f msg/s (%,d messages in %.2f s after warm-up; all %,d originals acked: %s); CPU per message: relay %.0f us, broker %.0f us; load %s%n",
                r.rate, r.relayed, r.seconds, total, acked.get() >= total, r.relayCpuMicros, r.brokerCpuMicros, loadAverage());
        return r;
    }

    // ---------------------------------------------------------------- (b) EdgeBus sales runtime

    record EdgeBusResult(Result relay, double startToFirstSeconds, long rssKb, long hwmKb, String flags, Path log) {
    }

    private EdgeBusResult edgeBusRelay(Connection connection) throws Exception {
        int total = o.warmup + o.messages;
        addCleanup(() -> deleteQueue(connection, ENDPOINT));
        addCleanup(() -> deleteExchange(connection, ENDPOINT));
        addCleanup(() -> deleteQueue(connection, EDGEBUS_OUT));
        List<String> cdsFlags = List.of();
        if (o.cds != null) {
            cdsFlags = List.of("-XX:SharedArchiveFile=" + o.cds.toAbsolutePath());
            if (!Files.isRegularFile(o.cds) || Files.getLastModifiedTime(o.cds).compareTo(Files.getLastModifiedTime(o.salesJar)) < 0) {
                trainClassDataSharing(connection);
            } else {
                System.out.printf(Locale.ROOT, "%n(b) using the class data sharing archive %s%n", o.cds);
            }
        }
        declareEdgeBusQueues(connection);
        System.out.printf(Locale.ROOT, "%n(b) EdgeBus: pre-filling %s with %d messages...%n", ENDPOINT, total);
        prefill(connection, ENDPOINT, total);

        Path work = workDir();
        Path log = work.resolve("sales.log");
        long start = System.nanoTime();
        Process process = startRuntime(work, cdsFlags, log);
        addCleanup(() -> stop(process));
        Sample s = watchOutput(connection, EDGEBUS_OUT, start, process);
        long[] memory = memory(process.pid());
        if (o.holdSeconds > 0) {
            Thread.sleep(o.holdSeconds * 1000L);
        }
        stop(process);
        if (s.firstNanos == 0 || s.measuredEnd == 0) {
            System.err.println("(b) the runtime did not relay all messages within " + o.timeoutSeconds
                    + " s; " + s.lastCount + " arrived. Last lines of its log:");
            tail(log, 40).forEach(System.err::println);
            throw new IllegalStateException("EdgeBus relay incomplete");
        }
        describeOutput(connection);
        Result r = s.result();
        double first = (s.firstNanos - start) / 1e9;
        System.out.printf(Locale.ROOT, "(b) %,.0f msg/s (%,d messages in %.2f s after warm-up); first message %.2f s after process start; VmRSS %,d kB, VmHWM %,d kB; CPU per message: runtime %.0f us, broker %.0f us; load %s%n",
                r.rate, r.relayed, r.seconds, first, memory[0], memory[1], r.relayCpuMicros, r.brokerCpuMicros, loadAverage());
        String flags = (o.jvmFlags + " " + String.join(" ", cdsFlags)).trim();
        return new EdgeBusResult(r, first, memory[0], memory[1], flags, log);
    }

    /** Size of what the runtime sends, next to the 1 KB body: headers cost the broker too. */
    private void describeOutput(Connection connection) {
        try (Channel ch = connection.createChannel()) {
            com.rabbitmq.client.GetResponse m = ch.basicGet(EDGEBUS_OUT, true);
            if (m == null) {
                return;
            }
            Map<String, Object> h = m.getProps().getHeaders();
            int bytes = 0;
            for (Map.Entry<String, Object> e : h.entrySet()) {
                bytes += e.getKey().length() + String.valueOf(e.getValue()).length();
            }
            System.out.printf(Locale.ROOT, "(b) a relayed message: body %d B, %d headers (~%d B): %s%n", m.getBody().length, h.size(), bytes,
                    String.join(", ", new java.util.TreeSet<>(h.keySet())));
        } catch (Exception e) {
            System.err.println("(b) could not read a relayed message: " + e);
        }
    }

    /**
     * JDK 17 has no -XX:+AutoCreateSharedArchive: one unmeasured training start with
     * -XX:ArchiveClassesAtExit relays a few messages and, on exit, writes the archive that the
     * measured start then maps with -XX:SharedArchiveFile. Redone whenever sales.jar is newer.
     */
    private void trainClassDataSharing(Connection connection) throws Exception {
        int training = 300;
        System.out.printf(Locale.ROOT, "%n(b) training run (not measured) to write the class data sharing archive %s%n", o.cds);
        declareEdgeBusQueues(connection);
        prefill(connection, ENDPOINT, training);
        Files.createDirectories(o.cds.toAbsolutePath().getParent());
        Files.deleteIfExists(o.cds);
        Path work = workDir();
        Process process = startRuntime(work, List.of("-XX:ArchiveClassesAtExit=" + o.cds.toAbsolutePath()), work.resolve("training.log"));
        try (Channel probe = connection.createChannel()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds);
            while (probe.messageCount(EDGEBUS_OUT) < training && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            stop(process);
        }
        if (!Files.isRegularFile(o.cds)) {
            System.err.println("(b) no archive was written; the measured run starts without one. Training log:");
            tail(work.resolve("training.log"), 20).forEach(System.err::println);
        }
    }

    /** Exactly what the transport's Topology declares for an endpoint on a quorum transport, and the output queue; empty. */
    private void declareEdgeBusQueues(Connection connection) throws IOException, java.util.concurrent.TimeoutException {
        deleteQueue(connection, ENDPOINT);
        deleteQueue(connection, EDGEBUS_OUT);
        deleteExchange(connection, ENDPOINT);
        try (Channel admin = connection.createChannel()) {
            admin.queueDeclare(ENDPOINT, true, false, false, QUORUM);
            admin.exchangeDeclare(ENDPOINT, BuiltinExchangeType.FANOUT, true);
            admin.queueBind(ENDPOINT, ENDPOINT, "");
            admin.queueDeclare(EDGEBUS_OUT, true, false, false, QUORUM);
        }
    }

    /** A fresh working directory with the deploy folder filled: transport, endpoint, handler bundle. */
    private Path workDir() throws IOException {
        Path work = Files.createTempDirectory("edgebus-bench-");
        if (!o.keep) {
            addCleanup(() -> deleteTree(work));
        }
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Files.writeString(deploy.resolve("io.edgebus.transport.rabbitmq-bench.cfg"), String.join("\n",
                "transport.name=bench",
                "host=" + o.host,
                "port=" + o.port,
                "username=" + o.user,
                ".password=" + o.password,
                "queueType=quorum",
                "prefetchCount=" + o.prefetch,
                "connectionNamePrefix=edgebus-bench",
                String.join("\n", o.transportConfig.trim().split("\\s+")), ""));
        Files.writeString(deploy.resolve("io.edgebus.endpoint-" + ENDPOINT + ".cfg"), String.join("\n",
                "edgebus.endpoint=" + ENDPOINT,
                "instance=1",
                "concurrency=" + o.concurrency,
                "transport.target=(transport.name=bench)", ""));
        Files.copy(o.handlerBundle, deploy.resolve("io.edgebus.benchmarks.jar"), StandardCopyOption.REPLACE_EXISTING);
        return work;
    }

    private Process startRuntime(Path work, List<String> extraFlags, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : o.jvmFlags.trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                command.add(flag);
            }
        }
        command.addAll(extraFlags);
        command.add("-Dorg.osgi.service.http.port=" + freePort());
        command.add("-jar");
        command.add(o.salesJar.toAbsolutePath().toString());
        System.out.println("(b) starting: " + String.join(" ", command));
        System.out.println("(b) working directory " + work + (o.keep ? " (kept)" : ""));
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        addCleanup(() -> stop(process));
        return process;
    }

    /** Polls the output queue's depth: first arrival, the warm-up mark and the end mark. */
    private Sample watchOutput(Connection connection, String queue, long start, Process process) throws Exception {
        int total = o.warmup + o.messages;
        Sample s = new Sample();
        long relayPid = process != null ? process.pid() : ProcessHandle.current().pid();
        long broker = brokerPid();
        long deadline = start + TimeUnit.SECONDS.toNanos(o.timeoutSeconds);
        try (Channel probe = connection.createChannel()) {
            while (System.nanoTime() < deadline) {
                long count = probe.messageCount(queue);
                long now = System.nanoTime();
                s.lastCount = count;
                if (count > 0 && s.firstNanos == 0) {
                    s.firstNanos = now;
                }
                if (count >= o.warmup && s.warmEnd == 0) {
                    s.cpuAtWarmEnd = new long[] {cpuTicks(relayPid), broker < 0 ? -1 : cpuTicks(broker)};
                    s.warmEnd = now;
                    s.warmCount = count;
                }
                if (count >= total) {
                    s.cpuAtEnd = new long[] {cpuTicks(relayPid), broker < 0 ? -1 : cpuTicks(broker)};
                    s.measuredEnd = now;
                    s.endCount = count;
                    break;
                }
                if (process != null && !process.isAlive()) {
                    System.err.println("(b) the runtime exited with " + process.exitValue());
                    break;
                }
                Thread.sleep(s.firstNanos == 0 ? 5 : 20);
            }
        }
        return s;
    }

    static final class Sample {
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
            return (cpuAtEnd[which] - cpuAtWarmEnd[which]) * (1e6 / CLOCK_TICKS) / relayed;
        }
    }

    // ---------------------------------------------------------------- report

    /**
     * Rates are averaged over the rounds (a and b alternate, so both see the same mix of machine
     * load); the start time is the median of the rounds; memory the largest.
     */
    private void report(List<Result> raws, List<EdgeBusResult> buses) {
        System.out.println();
        String fmt = "| %-40s | %16s | %-10s | %-4s |%n";
        String n = raws.size() > 1 || buses.size() > 1 ? " (mean of " + Math.max(raws.size(), buses.size()) + ")" : "";
        System.out.printf(Locale.ROOT, fmt, "figure", "value", "target", "");
        System.out.printf(Locale.ROOT, fmt, "-".repeat(40), "-".repeat(16), "-".repeat(10), "----");
        double rawRate = raws.stream().mapToDouble(Result::rate).average().orElse(Double.NaN);
        if (!raws.isEmpty()) {
            System.out.printf(Locale.ROOT, fmt, "(a) raw client relay rate" + n, String.format(Locale.ROOT, "%,.0f msg/s", rawRate), "", "");
            System.out.printf(Locale.ROOT, fmt, "(a) relay client CPU per message", String.format(Locale.ROOT, "%.0f us",
                    raws.stream().mapToDouble(Result::relayCpuMicros).average().orElse(Double.NaN)), "", "");
        }
        if (!buses.isEmpty()) {
            double busRate = buses.stream().mapToDouble(b -> b.relay.rate).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, fmt, "(b) EdgeBus relay rate" + n, String.format(Locale.ROOT, "%,.0f msg/s", busRate), "", "");
            System.out.printf(Locale.ROOT, fmt, "(b) runtime CPU per message", String.format(Locale.ROOT, "%.0f us",
                    buses.stream().mapToDouble(b -> b.relay.relayCpuMicros).average().orElse(Double.NaN)), "", "");
            if (!raws.isEmpty()) {
                double ratio = busRate / rawRate;
                System.out.printf(Locale.ROOT, fmt, "ratio (b)/(a), concurrency " + o.concurrency, String.format(Locale.ROOT, "%.2f", ratio),
                        ">= " + TARGET_RATIO, mark(ratio >= TARGET_RATIO));
            }
            double[] starts = buses.stream().mapToDouble(EdgeBusResult::startToFirstSeconds).sorted().toArray();
            double start = starts.length % 2 == 1 ? starts[starts.length / 2]
                    : (starts[starts.length / 2 - 1] + starts[starts.length / 2]) / 2;
            System.out.printf(Locale.ROOT, fmt, "start to first handled message" + (starts.length > 1 ? " (median)" : ""),
                    String.format(Locale.ROOT, "%.2f s", start), "<= " + TARGET_START_S + " s", mark(start <= TARGET_START_S));
            double rss = buses.stream().mapToLong(EdgeBusResult::rssKb).max().orElse(-1) / 1024.0;
            double hwm = buses.stream().mapToLong(EdgeBusResult::hwmKb).max().orElse(-1) / 1024.0;
            System.out.printf(Locale.ROOT, fmt, "RSS after the run (VmRSS)" + (buses.size() > 1 ? " (largest)" : ""),
                    String.format(Locale.ROOT, "%.0f MB", rss), "<= " + (int) TARGET_RSS_MB + " MB", mark(rss <= TARGET_RSS_MB));
            System.out.printf(Locale.ROOT, fmt, "peak RSS (VmHWM)" + (buses.size() > 1 ? " (largest)" : ""),
                    String.format(Locale.ROOT, "%.0f MB", hwm), "<= " + (int) TARGET_RSS_MB + " MB", mark(hwm <= TARGET_RSS_MB));
            System.out.println("runtime JVM flags: " + (buses.get(0).flags.isBlank() ? "(none)" : buses.get(0).flags));
        }
        if (raws.size() > 1 || buses.size() > 1) {
            System.out.println("per round: (a) " + join(raws.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.rate)))
                    + " msg/s; (b) " + join(buses.stream().map(b -> String.format(Locale.ROOT, "%,.0f", b.relay.rate)))
                    + " msg/s; start " + join(buses.stream().map(b -> String.format(Locale.ROOT, "%.2f", b.startToFirstSeconds)))
                    + " s; VmRSS " + join(buses.stream().map(b -> String.format(Locale.ROOT, "%.0f", b.rssKb / 1024.0))) + " MB");
        }
    }

    private static String join(Stream<String> values) {
        return String.join(" / ", values.toList());
    }

    private static String mark(boolean pass) {
        return pass ? "PASS" : "MISS";
    }

    // ---------------------------------------------------------------- messages

    private AMQP.BasicProperties properties(String id) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("NServiceBus.MessageId", id);
        headers.put("NServiceBus.EnclosedMessageTypes", PAYLOAD_TYPE);
        headers.put("NServiceBus.ContentType", "application/json");
        headers.put("NServiceBus.MessageIntent", "Send");
        return new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2).contentType("application/json")
                .type(PAYLOAD_TYPE).headers(headers).build();
    }

    private byte[] body(String id) {
        String prefix = "{\"id\":\"" + id + "\",\"data\":\"";
        String suffix = "\"}";
        int fill = Math.max(0, o.bodyBytes - prefix.length() - suffix.length());
        return (prefix + "x".repeat(fill) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes with confirms, at most 500 unconfirmed. */
    private void prefill(Connection connection, String queue, int count) throws Exception {
        long start = System.nanoTime();
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            for (int i = 1; i <= count; i++) {
                String id = UUID.randomUUID().toString();
                ch.basicPublish("", queue, properties(id), body(id));
                if (i % 500 == 0) {
                    ch.waitForConfirmsOrDie(30_000);
                }
            }
            ch.waitForConfirmsOrDie(30_000);
            System.out.printf(Locale.ROOT, "    %,d messages in %.1f s (depth %,d)%n", count,
                    (System.nanoTime() - start) / 1e9, ch.messageCount(queue));
        }
    }

    // ---------------------------------------------------------------- process and clean-up

    private static long[] memory(long pid) {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not read /proc/" + pid + "/status: " + e);
        }
        return new long[] {rss, hwm};
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: the runtime stops the framework cleanly
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void addCleanup(Runnable r) {
        cleanups.add(r);
    }

    /** Runs once, last registered first: stops the runtime before its queues go. */
    private void cleanUp() {
        List<Runnable> todo;
        synchronized (this) {
            todo = new ArrayList<>(cleanups);
            cleanups.clear();
        }
        for (int i = todo.size() - 1; i >= 0; i--) {
            try {
                todo.get(i).run();
            } catch (RuntimeException e) {
                System.err.println("clean-up step failed: " + e);
            }
        }
    }

    private void deleteQueue(Connection ignored, String queue) {
        admin(ch -> ch.queueDelete(queue));
    }

    private void deleteExchange(Connection ignored, String exchange) {
        admin(ch -> ch.exchangeDelete(exchange));
    }

    interface AdminCall {
        void call(Channel ch) throws IOException;
    }

    /** A fresh connection per clean-up step, so it also works from the shutdown hook. */
    private void admin(AdminCall call) {
        try (Connection c = factory.newConnection("edgebus-benchmark-cleanup"); Channel ch = c.createChannel()) {
            call.call(ch);
        } catch (Exception e) {
            // missing already
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e + ")");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- options

    static final class Options {
        static final String USAGE = """
                usage: RelayBenchmark --sales-jar <sales.jar> --handler-bundle <io.edgebus.benchmarks.jar> [options]
                  --messages N        measured messages per side (default 20000)
                  --warmup N          warm-up messages relayed first, not measured (default 2000)
                  --transport-config "k=v k=v"   more transport properties, e.g. "publisherChannels=1"
                  --rounds N          rounds of (a) then (b), averaged (default 2)
                  --concurrency N     EdgeBus endpoint concurrency (default 64)
                  --prefetch N        prefetch of both relays (default 100)
                  --jvm-flags "..."   JVM flags of the runtime (default: the tuned set in docs/benchmarks.md; "" = none)
                  --cds FILE|off      class data sharing archive for the runtime, written by a training run
                                      when missing or older than sales.jar (default off; the script passes one)
                  --raw-acks single   experiment: the raw relay acks each message on its own (default: multiple)
                  --body-bytes N      message body size (default 1024)
                  --timeout-s N       give up on a side after N s (default 120)
                  --only raw|edgebus  run one side
                  --hold-s N          keep the runtime running N s after the run (to profile it)
                  --keep              keep the runtime's working directory (log, config)
                  --host H --port P --user U --password P   broker (default localhost:5672 guest/guest)
                """;
        String host = "localhost";
        int port = 5672;
        String user = "guest";
        String password = "guest";
        int messages = 20_000;
        int warmup = 2_000;
        int concurrency = 64;
        int prefetch = 100;
        int bodyBytes = 1024;
        int timeoutSeconds = 120;
        int holdSeconds;
        boolean keep;
        boolean skipRaw;
        boolean skipEdgeBus;
        boolean rawSingleAcks;
        int rounds = 2;
        String transportConfig = "";
        String jvmFlags = DEFAULT_JVM_FLAGS;
        Path salesJar;
        Path handlerBundle;
        Path cds;

        static Options parse(String[] args) {
            Options o = new Options();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--keep")) {
                    o.keep = true;
                } else if (a.startsWith("--") && i + 1 < args.length) {
                    values.put(a, args[++i]);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
            }
            for (Map.Entry<String, String> e : values.entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "--host" -> o.host = v;
                    case "--port" -> o.port = Integer.parseInt(v);
                    case "--user" -> o.user = v;
                    case "--password" -> o.password = v;
                    case "--messages" -> o.messages = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                    case "--prefetch" -> o.prefetch = Integer.parseInt(v);
                    case "--body-bytes" -> o.bodyBytes = Integer.parseInt(v);
                    case "--timeout-s" -> o.timeoutSeconds = Integer.parseInt(v);
                    case "--hold-s" -> o.holdSeconds = Integer.parseInt(v);
                    case "--jvm-flags" -> o.jvmFlags = v;
                    case "--sales-jar" -> o.salesJar = Path.of(v);
                    case "--handler-bundle" -> o.handlerBundle = Path.of(v);
                    case "--transport-config" -> o.transportConfig = v;
                    case "--rounds" -> o.rounds = Integer.parseInt(v);
                    case "--raw-acks" -> o.rawSingleAcks = v.equals("single");
                    case "--cds" -> o.cds = v.equals("off") ? null : Path.of(v);
                    case "--only" -> {
                        o.skipRaw = v.equals("edgebus");
                        o.skipEdgeBus = v.equals("raw");
                    }
                    default -> throw new IllegalArgumentException("unknown option " + e.getKey());
                }
            }
            if (o.messages < 1 || o.warmup < 0) {
                throw new IllegalArgumentException("--messages must be > 0 and --warmup >= 0");
            }
            if (!o.skipEdgeBus) {
                if (o.salesJar == null || !Files.isRegularFile(o.salesJar)) {
                    throw new IllegalArgumentException("--sales-jar: no file " + o.salesJar);
                }
                if (o.handlerBundle == null || !Files.isRegularFile(o.handlerBundle)) {
                    throw new IllegalArgumentException("--handler-bundle: no file " + o.handlerBundle);
                }
            }
            return o;
        }
    }
}
