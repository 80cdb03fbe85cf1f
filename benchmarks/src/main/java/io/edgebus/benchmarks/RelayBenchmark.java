package io.edgebus.benchmarks;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    /**
     * More lines for the endpoint's configuration of the next (b) run: bare by default, as the raw
     * relay has no audit copy either; the platform comparison sets them.
     */
    List<String> endpointSettings = PlatformComparison.BARE;
    private final Options o;
    private final ConnectionFactory factory = new ConnectionFactory();
    private final List<Runnable> cleanups = new ArrayList<>();
    private final BenchMessages messages;

    private RelayBenchmark(Options options) {
        this.o = options;
        factory.setHost(o.host);
        factory.setPort(o.port);
        factory.setUsername(o.user);
        factory.setPassword(o.password);
        messages = new BenchMessages(o.bodyBytes, o.fullHeaders);
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
            System.out.printf(Locale.ROOT, "broker RabbitMQ %s at %s:%d; %d warm-up + %d measured messages of %d B, persistent, quorum queues, prefetch %d; input headers: %s%n",
                    rabbitVersion, o.host, o.port, o.warmup, o.messages, o.bodyBytes, o.prefetch,
                    o.fullHeaders ? "full (" + messages.properties("x").getHeaders().size() + ", as an NServiceBus sender sets them)"
                            : "minimal (" + messages.properties("x").getHeaders().size() + ")");
            System.out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s; load average %s%n", Runtime.getRuntime().availableProcessors(),
                    ProcStats.cpuModel(), System.getProperty("java.version"), ProcStats.loadAverage());

            if (o.platform) {
                PlatformComparison.run(this, connection, o.rounds);
                return 0;
            }
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
            Report.print(raws, buses, o.concurrency);
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

    private Result rawRelay(Connection connection) throws Exception {
        return rawRelay(connection, null);
    }

    /** {@code audit}: also a copy of every original to this queue (declared fresh, quorum), or null. */
    Result rawRelay(Connection connection, String audit) throws Exception {
        int total = o.warmup + o.messages;
        try (Channel admin = connection.createChannel()) {
            for (String q : audit == null ? List.of(RAW_IN, RAW_OUT) : List.of(RAW_IN, RAW_OUT, audit)) {
                deleteQueue(connection, q);
                admin.queueDeclare(q, true, false, false, QUORUM);
                addCleanup(() -> deleteQueue(connection, q));
            }
        }
        System.out.printf(Locale.ROOT, "%n(a) raw client: pre-filling %s with %d messages...%n", RAW_IN, total);
        messages.prefill(connection, RAW_IN, total);

        System.out.println("(a) relaying" + (audit == null ? "" : ", each original also copied to " + audit + ",")
                + (o.rawInProcess ? " in the benchmark's JVM..." : " in its own JVM with the runtime's flags..."));
        long start = System.nanoTime();
        Sample s;
        boolean allAcked;
        if (o.rawInProcess) {
            RawRelay relay = new RawRelay(connection, o.prefetch, o.rawSingleAcks, audit);
            relay.start(RAW_IN, RAW_OUT);
            s = watchOutput(connection, RAW_OUT, start, null);
            while (relay.acked() < total && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(o.timeoutSeconds)) {
                Thread.sleep(5);
            }
            relay.stop();
            allAcked = relay.acked() >= total;
        } else {
            Process relay = startRawRelay(total, audit);
            s = watchOutput(connection, RAW_OUT, start, relay);
            allAcked = relay.waitFor(o.timeoutSeconds, TimeUnit.SECONDS) && relay.exitValue() == 0;
            Processes.stop(relay);
        }
        if (s.measuredEnd == 0) {
            throw new IllegalStateException("raw relay did not finish within " + o.timeoutSeconds + " s");
        }
        Result r = s.result();
        System.out.printf(Locale.ROOT, "(a) %,.0f msg/s (%,d messages in %.2f s after warm-up; all %,d originals acked: %s); CPU per message: relay %.0f us, broker %.0f us; load %s%n",
                r.rate(), r.relayed(), r.seconds(), total, allAcked, r.relayCpuMicros(), r.brokerCpuMicros(), ProcStats.loadAverage());
        return r;
    }

    // ---------------------------------------------------------------- (b) EdgeBus sales runtime

    EdgeBusResult edgeBusRelay(Connection connection) throws Exception {
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
        messages.prefill(connection, ENDPOINT, total);

        Path work = workDir();
        Path log = work.resolve("sales.log");
        long start = System.nanoTime();
        Process process = startRuntime(work, cdsFlags, log);
        addCleanup(() -> Processes.stop(process));
        Sample s = watchOutput(connection, EDGEBUS_OUT, start, process);
        long[] memory = ProcStats.memory(process.pid());
        if (o.holdSeconds > 0) {
            Thread.sleep(o.holdSeconds * 1000L);
        }
        Processes.stop(process);
        if (s.firstNanos == 0 || s.measuredEnd == 0) {
            System.err.println("(b) the runtime did not relay all messages within " + o.timeoutSeconds
                    + " s; " + s.lastCount + " arrived. Last lines of its log:");
            Processes.tail(log, 40).forEach(System.err::println);
            throw new IllegalStateException("EdgeBus relay incomplete");
        }
        BenchMessages.describe(connection, EDGEBUS_OUT);
        Result r = s.result();
        double first = (s.firstNanos - start) / 1e9;
        System.out.printf(Locale.ROOT, "(b) %,.0f msg/s (%,d messages in %.2f s after warm-up); first message %.2f s after process start; VmRSS %,d kB, VmHWM %,d kB; CPU per message: runtime %.0f us, broker %.0f us; load %s%n",
                r.rate(), r.relayed(), r.seconds(), first, memory[0], memory[1], r.relayCpuMicros(), r.brokerCpuMicros(), ProcStats.loadAverage());
        String flags = (o.jvmFlags + " " + String.join(" ", cdsFlags)).trim();
        return new EdgeBusResult(r, first, memory[0], memory[1], flags, log);
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
        messages.prefill(connection, ENDPOINT, training);
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
            Processes.stop(process);
        }
        if (!Files.isRegularFile(o.cds)) {
            System.err.println("(b) no archive was written; the measured run starts without one. Training log:");
            Processes.tail(work.resolve("training.log"), 20).forEach(System.err::println);
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
            addCleanup(() -> Processes.deleteTree(work));
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
                "transport.target=(transport.name=bench)", String.join("\n", endpointSettings), ""));
        Files.copy(o.handlerBundle, deploy.resolve("io.edgebus.benchmarks.jar"), StandardCopyOption.REPLACE_EXISTING);
        return work;
    }

    /** The raw relay in a fresh JVM with the runtime's JVM flags (not its CDS archive: another class path). */
    private Process startRawRelay(int total, String audit) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : o.jvmFlags.trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawRelayMain.class.getName(), o.host,
                String.valueOf(o.port), o.user, String.valueOf(o.prefetch), String.valueOf(total),
                String.valueOf(o.timeoutSeconds), RAW_IN, RAW_OUT, o.rawSingleAcks ? "single" : "multiple"));
        if (audit != null) {
            command.add(audit);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("BENCH_PASSWORD", o.password);
        Process process = pb.start();
        addCleanup(() -> Processes.stop(process));
        return process;
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
        command.add("-Dorg.osgi.service.http.port=" + Processes.freePort());
        command.add("-jar");
        command.add(o.salesJar.toAbsolutePath().toString());
        System.out.println("(b) starting: " + String.join(" ", command));
        System.out.println("(b) working directory " + work + (o.keep ? " (kept)" : ""));
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        addCleanup(() -> Processes.stop(process));
        return process;
    }

    /** Polls the output queue's depth: first arrival, the warm-up mark and the end mark. */
    private Sample watchOutput(Connection connection, String queue, long start, Process process) throws Exception {
        int total = o.warmup + o.messages;
        Sample s = new Sample();
        long relayPid = process != null ? process.pid() : ProcessHandle.current().pid();
        long broker = ProcStats.brokerPid();
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
                    s.cpuAtWarmEnd = new long[] {ProcStats.cpuTicks(relayPid), broker < 0 ? -1 : ProcStats.cpuTicks(broker)};
                    s.warmEnd = now;
                    s.warmCount = count;
                }
                if (count >= total) {
                    s.cpuAtEnd = new long[] {ProcStats.cpuTicks(relayPid), broker < 0 ? -1 : ProcStats.cpuTicks(broker)};
                    s.measuredEnd = now;
                    s.endCount = count;
                    break;
                }
                if (process != null && !process.isAlive()) {
                    System.err.println("the relay process exited with " + process.exitValue());
                    break;
                }
                Thread.sleep(s.firstNanos == 0 ? 5 : 20);
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- process and clean-up

    synchronized void addCleanup(Runnable r) {
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

    void deleteQueue(Connection ignored, String queue) {
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
}
