package io.edgebus.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image's entry point run as a plain process (no container engine here), from a build context
 * staged by {@code build-images.sh --stage-only}: the same files, in the same layout, as
 * /opt/edgebus in the image, with the environment the Containerfile sets.
 */
class CloudEntrypointIT {

    private static final String SECRET = "c2VjcmV0LWtleS1ub3QtdG8tYmUtcHJpbnRlZA==";
    private static final String CONNECTION =
            "Endpoint=sb://edgebus-test.servicebus.windows.net/;SharedAccessKeyName=edgebus;SharedAccessKey=" + SECRET;

    @TempDir
    static Path staging;
    static Path context;

    @TempDir
    Path work;

    @BeforeAll
    static void stageTheImageContext() throws Exception {
        assertTrue(Files.exists(Script.ROOT.resolve("sales-distro/target/sales.jar")), "build sales-distro first");
        context = staging.resolve("context");
        Script.Result staged = Script.run("build-images.sh", Map.of(), "--stage-only", "--context", context.toString());
        assertEquals(0, staged.exitCode(), staged::toString);
    }

    @Test
    void theStagedContextHoldsWhatTheContainerfileCopies() throws IOException {
        try (Stream<Path> files = Files.walk(context)) {
            List<String> staged = files.filter(Files::isRegularFile).map(p -> context.relativize(p).toString()).sorted().toList();
            assertEquals(List.of("Containerfile", "bin/entrypoint", "bin/healthcheck", "bin/runtime",
                    "profiles/billing/io.edgebus.booth.billing.BillOrder.config",
                    "profiles/billing/io.edgebus.endpoint-billing.config",
                    "profiles/common/io.edgebus.transport.asb-cloud.config",
                    "profiles/raffle/io.edgebus.booth.raffle.config",
                    "profiles/raffle/io.edgebus.endpoint-raffle.config",
                    "profiles/shipping/io.edgebus.booth.shipping.NoteBilled.config",
                    "profiles/shipping/io.edgebus.booth.shipping.ShipOrder.config",
                    "profiles/shipping/io.edgebus.endpoint-shipping.config",
                    "sales.jar"), staged);
        }
        for (String script : List.of("bin/entrypoint", "bin/healthcheck", "bin/runtime")) {
            assertTrue(Files.isExecutable(context.resolve(script)), script);
        }
    }

    @Test
    void withoutTheConnectionStringTheRoleRefusesToStartNamingTheField() throws Exception {
        Finished run = runToEnd(Map.of("EDGEBUS_ROLE", "billing"));
        assertEquals(78, run.exitCode(), run::toString);
        assertTrue(run.output().contains("edgebus-billing: configuration error: EDGEBUS_ASB_CONNECTION_STRING is not set"), run::toString);
        assertTrue(run.output().contains("io.edgebus.transport.asb, field connectionString"), run::toString);
        assertFalse(Files.exists(work.resolve("run")), "the runtime must not have started");
    }

    @Test
    void aMalformedConnectionStringIsRefusedWithoutShowingIt() throws Exception {
        Finished run = runToEnd(Map.of("EDGEBUS_ROLE", "shipping",
                "EDGEBUS_ASB_CONNECTION_STRING", "Endpoint=https://edgebus-test/;SharedAccessKeyName=a;SharedAccessKey=" + SECRET));
        assertEquals(78, run.exitCode(), run::toString);
        assertTrue(run.output().contains("field connectionString) is not a Service Bus connection string: it has no 'Endpoint=sb://'"),
                run::toString);
        assertFalse(run.output().contains(SECRET), run::toString);
    }

    @Test
    void anUnknownRoleIsRefused() throws Exception {
        Finished run = runToEnd(Map.of("EDGEBUS_ROLE", "sales", "EDGEBUS_ASB_CONNECTION_STRING", CONNECTION));
        assertEquals(78, run.exitCode(), run::toString);
        assertTrue(run.output().contains("EDGEBUS_ROLE must be billing, shipping or raffle (was 'sales')"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"billing", "shipping", "raffle"})
    void theRoleStartsWithItsCloudProfileAndStopsOnSigterm(String role) throws Exception {
        int port = freePort();
        Path log = work.resolve("out.log");
        ProcessBuilder builder = entrypoint(Map.of("EDGEBUS_ROLE", role, "EDGEBUS_ASB_CONNECTION_STRING", CONNECTION,
                "EDGEBUS_HTTP_PORT", Integer.toString(port), "EDGEBUS_INSTANCE", "replica-1"))
                .redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            String output = awaitOutput(process, log, "EdgeBus web console: http://localhost:" + port + "/system/console");
            String endpoint = Character.toUpperCase(role.charAt(0)) + role.substring(1);
            assertTrue(output.contains("edgebus-" + role + ": instance replica-1, working directory " + work), output);
            assertTrue(output.contains("Creating configuration {io.edgebus.transport.asb~cloud}"), output);
            assertTrue(output.contains("Creating configuration {io.edgebus.endpoint~" + role + "}"), output);
            assertFalse(output.contains(SECRET), "the connection string must not be printed:\n" + output);
            String endpointConfig = Files.readString(work.resolve("deploy/io.edgebus.endpoint-" + role + ".config"));
            assertTrue(endpointConfig.contains("transport.target=\"(transport.name=cloud)\""), endpointConfig);
            assertTrue(endpointConfig.contains("${edgebus.booth." + role + ":-" + endpoint + "}"), endpointConfig);
            // Jetty starts after the EdgeBus bundles (start level 3), so shortly after the console's URL is
            // printed; container engines retry a health check within its start period the same way.
            assertEquals(0, healthcheckWithin(port, 15), "healthcheck while the runtime runs");

            process.destroy(); // SIGTERM, as the container engine stops a container
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "no exit within 20 s of SIGTERM");
            assertEquals(143, process.exitValue(), Files.readString(log));
            assertEquals(1, healthcheck(port), "healthcheck after the stop");
        } finally {
            process.destroyForcibly();
        }
    }

    private ProcessBuilder entrypoint(Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(context.resolve("bin/entrypoint").toString())
                .directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("EDGEBUS_") || name.equals("JAVA_OPTS"));
        // What the Containerfile's ENV sets, with this test's directories for /opt/edgebus and /var/lib/edgebus.
        environment.put("EDGEBUS_HOME", context.toString());
        environment.put("EDGEBUS_WORK_DIR", work.toString());
        environment.putAll(env);
        return builder;
    }

    private record Finished(int exitCode, String output) {
    }

    private Finished runToEnd(Map<String, String> env) throws Exception {
        Path log = work.resolve("refused.log");
        Process process = entrypoint(env).redirectOutput(log.toFile()).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the entry point did not exit:\n" + Files.readString(log));
        }
        return new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String awaitOutput(Process process, Path log, String wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (output.contains(wanted)) {
                return output;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + wanted + "' within 60 s:\n" + Files.readString(log));
    }

    private static int healthcheckWithin(int port, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int status = healthcheck(port);
        while (status != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = healthcheck(port);
        }
        return status;
    }

    private static int healthcheck(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(context.resolve("bin/healthcheck").toString()).redirectErrorStream(true);
        builder.environment().put("EDGEBUS_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "healthcheck hangs");
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
