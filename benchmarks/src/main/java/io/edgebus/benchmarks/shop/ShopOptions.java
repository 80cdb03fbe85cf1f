package io.edgebus.benchmarks.shop;

import java.nio.file.Files;
import java.nio.file.Path;

/** Command line of {@link ShopBenchmark}. */
final class ShopOptions {
    static final String USAGE = """
            usage: shop-benchmark [options]
              --orders N          orders offered at once for the throughput figure (default 2000)
              --latency-orders N  orders for the latency figure (default 300)
              --rate N            orders per second offered for the latency figure (default 10)
              --sales N           Sales instances (default 3)
              --concurrency N     handler concurrency of each Sales instance (default 16)
              --timeout-s N       give up waiting for completions after N s (default 600)
              --sales-jar PATH    default sales-distro/target/sales.jar
              --profiles PATH     default sales-distro/profiles
              --host HOST         RabbitMQ on this machine (rabbitmqctl creates the run's vhost; default localhost)
              --pg-url URL        default jdbc:postgresql://localhost:5432/postgres (user postgres,
                                  password from $EDGEBUS_PG_PASSWORD)
              --jvm-flags "..."   the runtimes' JVM flags (default: sales-distro/bin/runtime's)""";

    int orders = 2000;
    int latencyOrders = 300;
    int rate = 10;
    int sales = 3;
    int concurrency = 16;
    int timeoutSeconds = 600;
    Path salesJar = Path.of("sales-distro/target/sales.jar");
    Path profiles = Path.of("sales-distro/profiles");
    String host = "localhost";
    String user = "guest";
    String pgUrl = "jdbc:postgresql://localhost:5432/postgres";
    String pgUser = "postgres";
    String pgPassword = System.getenv().getOrDefault("EDGEBUS_PG_PASSWORD", "");
    String jvmFlags = "-Xss256k -Xms24m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m";

    /** The options, or null when help was asked for; IllegalArgumentException names what is wrong. */
    static ShopOptions parse(String[] args) {
        ShopOptions o = new ShopOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            }
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete argument: " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--orders" -> o.orders = positive(a, v);
                case "--latency-orders" -> o.latencyOrders = positive(a, v);
                case "--rate" -> o.rate = positive(a, v);
                case "--sales" -> o.sales = positive(a, v);
                case "--concurrency" -> o.concurrency = positive(a, v);
                case "--timeout-s" -> o.timeoutSeconds = positive(a, v);
                case "--sales-jar" -> o.salesJar = Path.of(v);
                case "--profiles" -> o.profiles = Path.of(v);
                case "--host" -> o.host = v;
                case "--pg-url" -> o.pgUrl = v;
                case "--jvm-flags" -> o.jvmFlags = v;
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (!Files.isRegularFile(o.salesJar)) {
            throw new IllegalArgumentException("--sales-jar: no file " + o.salesJar);
        }
        if (!Files.isDirectory(o.profiles.resolve("sales"))) {
            throw new IllegalArgumentException("--profiles: no sales profile in " + o.profiles);
        }
        return o;
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number, was '" + value + "'");
    }
}
