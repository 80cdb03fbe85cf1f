package io.edgebus.distro.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.edgebus.distro.itest.Console;
import io.edgebus.distro.itest.RuntimeProcess;
import io.edgebus.distro.itest.Startup;

/** target/gateway.jar with the console password given in the environment, as a provisioned gateway runs it. */
class GatewayRuntimeIT {

    private static final String PASSWORD = "gateway-test-" + Long.toHexString(System.nanoTime());
    private static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";

    @TempDir
    Path workDir;

    @Test
    void startsWithTheGivenPasswordStaysLockedWithoutItAndStopsOnSigterm() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start(Path.of(System.getProperty("edgebus.distro.jar")), workDir,
                Map.of("EDGEBUS_CONSOLE_PASSWORD", PASSWORD))) {
            Console console = new Console(runtime.port());
            Startup startup = Startup.await(runtime, console, () -> PASSWORD, Duration.ofSeconds(40));
            System.out.printf("gateway runtime: HTTP up after %d ms, console ready after %d ms%n",
                    startup.httpUpMillis(), startup.readyMillis());

            runtime.awaitLine(l -> l.contains("password from environment variable EDGEBUS_CONSOLE_PASSWORD"),
                    Duration.ofSeconds(1));
            assertFalse(Files.exists(workDir.resolve("run/gateway/console-password")), "a given password is not stored");
            assertFalse(String.join("\n", runtime.output()).contains(PASSWORD), "the password must never be printed");
            assertEquals(401, console.status(Startup.PROBE_PATH, "admin", "admin"));
            assertTrue(console.get(Console.ROOT + "/components.json", "admin", PASSWORD).body()
                    .contains("io.edgebus.core."), "components of io.edgebus.core are listed");

            // Without any password configuration the console falls back to the distro's framework property;
            // that value must lock everyone out, never re-open admin/admin.
            assertEquals(200, console.postForm(Console.ROOT + "/configMgr/" + CONSOLE_PID, "admin", PASSWORD,
                    "apply=true&delete=true").statusCode());
            awaitStatus(console, PASSWORD, 401);
            assertEquals(401, console.status(Startup.PROBE_PATH, "admin", "admin"));

            Optional<Integer> exit = runtime.terminate(Duration.ofSeconds(10));
            assertTrue(exit.isPresent(), "still running 10 s after SIGTERM");
        }
    }

    private static void awaitStatus(Console console, String password, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            last = console.status(Startup.PROBE_PATH, "admin", password);
            if (last == wanted) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("console kept answering " + last + " instead of " + wanted);
    }
}
