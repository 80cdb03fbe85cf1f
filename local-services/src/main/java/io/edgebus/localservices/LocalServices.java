package io.edgebus.localservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The booth's self-contained mode: an AMQP 1.0 broker and/or PostgreSQL in this one process, for a
 * machine with nothing but Java. Says what it started where in its first lines, writes the settings
 * the booth roles read to {@code <dir>/services.env} (0600, removed at stop) and runs until SIGTERM
 * (or SIGINT/SIGHUP), then stops both cleanly.
 *
 * <pre>LocalServices --dir run/booth [--broker-port 5673|0|off] [--postgres-port 5433|0|off]</pre>
 * Port 0 takes a free port.
 */
public final class LocalServices {
    static final String ENV_FILE = "services.env";
    static final String PID_FILE = "local-services.pid";
    static final String BROKER_USER = "edgebus";
    /** Referenced for the life of the process: an unreachable channel is closed by the GC, releasing the lock. */
    private static FileLock dirLock;

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[local-services] " + e.getMessage());
            System.err.println("usage: LocalServices --dir DIR [--broker-port N|0|off] [--postgres-port N|0|off]");
            System.exit(2);
            return;
        }
        try {
            Files.createDirectories(o.dir());
            // Held until the process ends: a second launcher on the same directory must not touch its files.
            dirLock = FileChannel.open(o.dir().resolve("local-services.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE).tryLock();
        } catch (IOException e) {
            dirLock = null;
        }
        if (dirLock == null) {
            System.err.println("[local-services] " + o.dir() + " is in use by another local-services process (pid in "
                    + o.dir().resolve(PID_FILE) + "); stop it first (./booth stop)");
            System.exit(1);
            return;
        }
        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Path env = o.dir().resolve(ENV_FILE);
        Path pid = o.dir().resolve(PID_FILE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll(env, started);
            try {
                Files.deleteIfExists(pid);
            } catch (IOException e) {
                System.err.println("[local-services] could not remove " + pid + ": " + e);
            }
            stopped.countDown();
        }, "local-services-stop"));
        try {
            Files.deleteIfExists(env);
            // ./booth stop sends SIGTERM to this pid once the roles are gone.
            Files.writeString(pid, ProcessHandle.current().pid() + "\n");
            start(o, started, env);
        } catch (Exception e) {
            System.err.println("[local-services] could not start: " + e);
            System.exit(1); // the hook stops what did start
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void start(Options o, List<AutoCloseable> started, Path env) throws Exception {
        Secrets secrets = Secrets.loadOrCreate(o.dir(), "broker.password", "postgres.password");
        Path credentials = o.dir().resolve(Secrets.FILE);
        Map<String, String> settings = new LinkedHashMap<>();
        if (o.brokerPort() >= 0) {
            int port = port(o.brokerPort(), "--broker-port");
            Path journal = o.dir().resolve("artemis");
            say("AMQP 1.0 broker (embedded Apache ActiveMQ Artemis): amqp://127.0.0.1:" + port + ", journal " + journal
                    + ", user " + BROKER_USER + ", password in " + credentials);
            var broker = new EmbeddedBroker(journal, port, BROKER_USER, secrets.get("broker.password"));
            started.add(broker);
            settings.put("EDGEBUS_BUS", "amqp");
            settings.put("EDGEBUS_AMQP_URI", broker.uri());
            settings.put("EDGEBUS_AMQP_USER", BROKER_USER);
            settings.put("EDGEBUS_AMQP_PASSWORD", secrets.get("broker.password"));
            say("AMQP 1.0 broker ready");
        }
        if (o.postgresPort() >= 0) {
            int port = port(o.postgresPort(), "--postgres-port");
            Path data = o.dir().resolve("postgres");
            say("PostgreSQL (embedded, zonky binaries): jdbc:postgresql://127.0.0.1:" + port + "/postgres, data "
                    + data.resolve("data") + ", user " + EmbeddedDatabase.USER + ", password in " + credentials);
            var db = new EmbeddedDatabase(data, port, secrets.get("postgres.password"));
            started.add(db);
            settings.put("EDGEBUS_PG_URL", db.jdbcUrl());
            settings.put("EDGEBUS_PG_USER", EmbeddedDatabase.USER);
            settings.put("EDGEBUS_PG_PASSWORD", secrets.get("postgres.password"));
            say("PostgreSQL ready (fsync, synchronous_commit, full_page_writes on; scram-sha-256 for every connection)");
        }
        Secrets.writePrivate(env, w -> {
            w.write("# Written by io.edgebus.localservices (pid " + ProcessHandle.current().pid() + "); removed when it stops.\n");
            for (var e : settings.entrySet()) {
                w.write("export " + e.getKey() + "='" + e.getValue() + "'\n");
            }
        });
        say("settings for the booth roles in " + env + "; running until SIGTERM (./booth stop)");
    }

    private static void stopAll(Path env, List<AutoCloseable> started) {
        try {
            Files.deleteIfExists(env);
        } catch (IOException e) {
            System.err.println("[local-services] could not remove " + env + ": " + e);
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable service = started.get(i);
            try {
                service.close();
                say(service instanceof EmbeddedBroker ? "AMQP 1.0 broker stopped" : "PostgreSQL stopped");
            } catch (Exception e) {
                System.err.println("[local-services] stopping " + service.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    /** The port to listen on: a free one for 0; a taken one is refused here, with the option to change. */
    private static int port(int wanted, String option) throws IOException {
        try (ServerSocket s = new ServerSocket(wanted, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IOException("port " + wanted + " on 127.0.0.1 is in use (another booth?); choose another with "
                    + option, e);
        }
    }

    static void say(String line) {
        System.out.println("[local-services] " + line);
        System.out.flush();
    }

    record Options(Path dir, int brokerPort, int postgresPort) {
        static final int OFF = -1;

        static Options parse(String[] args) {
            Path dir = null;
            int broker = 5673;
            int postgres = 5433;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--dir" -> dir = Path.of(require(args[i], value));
                    case "--broker-port" -> broker = portValue(args[i], value);
                    case "--postgres-port" -> postgres = portValue(args[i], value);
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
                i++;
            }
            if (dir == null) {
                throw new IllegalArgumentException("--dir is required");
            }
            if (broker == OFF && postgres == OFF) {
                throw new IllegalArgumentException("nothing to start: both --broker-port and --postgres-port are off");
            }
            return new Options(dir.toAbsolutePath().normalize(), broker, postgres);
        }

        private static String require(String option, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int portValue(String option, String value) {
            if ("off".equals(require(option, value))) {
                return OFF;
            }
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a port 0-65535 or off (was " + value + ")");
            }
        }
    }
}
