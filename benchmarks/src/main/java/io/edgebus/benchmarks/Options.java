package io.edgebus.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options of {@link RelayBenchmark}. */
final class Options {
    static final String USAGE = """
            usage: RelayBenchmark --sales-jar <sales.jar> --handler-bundle <io.edgebus.benchmarks.jar> [options]
              --messages N        measured messages per side (default 20000)
              --warmup N          warm-up messages relayed first, not measured (default 2000)
              --transport-config "k=v k=v"   more transport properties, e.g. "publisherChannels=1"
              --rounds N          rounds of (a) then (b), averaged (default 2)
              --concurrency N     EdgeBus endpoint concurrency (default 1, the endpoint's own default)
              --input-headers full|minimal   headers on the input messages: the 15 an NServiceBus
                                  sender sets (default), or only the 4 a handler needs
              --prefetch N        prefetch of both relays (default 100)
              --jvm-flags "..."   JVM flags of the runtime (default: the tuned set in docs/benchmarks.md; "" = none)
              --cds FILE|off      class data sharing archive for the runtime, written by a training run
                                  when missing or older than sales.jar (default off; the script passes one)
              --raw-acks single   experiment: the raw relay acks each message on its own (default: multiple)
              --body-bytes N      message body size (default 1024)
              --timeout-s N       give up on a side after N s (default 120)
              --only raw|edgebus  run one side
              --mode platform     instead: the EdgeBus relay bare (no audit, metrics, heartbeats, retries)
                                  vs. with audit + metrics + heartbeats + retries, same run (target >= 0.85),
                                  and the raw relay without and with the same audit copy (the ceiling)
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
    int concurrency = 1;
    boolean fullHeaders = true;
    int prefetch = 100;
    int bodyBytes = 1024;
    int timeoutSeconds = 120;
    int holdSeconds;
    boolean keep;
    boolean skipRaw;
    boolean skipEdgeBus;
    boolean rawSingleAcks;
    boolean rawInProcess;
    boolean platform;
    int rounds = 2;
    String transportConfig = "";
    String jvmFlags = RelayBenchmark.DEFAULT_JVM_FLAGS;
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
                case "--input-headers" -> {
                    if (!v.equals("full") && !v.equals("minimal")) {
                        throw new IllegalArgumentException("--input-headers: full or minimal, was " + v);
                    }
                    o.fullHeaders = v.equals("full");
                }
                case "--cds" -> o.cds = v.equals("off") ? null : Path.of(v);
                case "--mode" -> {
                    if (!v.equals("platform") && !v.equals("relay")) {
                        throw new IllegalArgumentException("--mode: relay or platform, was " + v);
                    }
                    o.platform = v.equals("platform");
                }
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
