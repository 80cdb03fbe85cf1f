package io.edgebus.distro.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.edgebus.distro.itest.Console;
import io.edgebus.distro.itest.Multipart;
import io.edgebus.distro.itest.ProbeBundle;
import io.edgebus.distro.itest.RuntimeProcess;
import io.edgebus.distro.itest.Startup;

/**
 * target/sales.jar as an operator runs it. One process for the whole class keeps the module fast; the tests are
 * ordered because the last one stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SalesRuntimeIT {

    private static final Pattern CONSOLE_LINE =
            Pattern.compile("EdgeBus web console: (http://\\S+) user admin, password file: (.+)$");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    private RuntimeProcess runtime;
    private Console console;
    private Startup startup;
    private Path passwordFile;
    private String password;

    @BeforeAll
    void start() throws Exception {
        runtime = RuntimeProcess.start(Path.of(System.getProperty("edgebus.distro.jar")), workDir, Map.of());
        console = new Console(runtime.port());
        startup = Startup.await(runtime, console, this::passwordOnceAnnounced, Duration.ofSeconds(40));
        System.out.printf("sales runtime: HTTP up after %d ms, console ready after %d ms (admin/admin refused %d times)%n",
                startup.httpUpMillis(), startup.readyMillis(), startup.defaultTries());
    }

    @AfterAll
    void stop() {
        runtime.close();
    }

    @Test
    @Order(1)
    void consoleRefusesTheDefaultAndAcceptsTheGeneratedPassword() throws Exception {
        String line = runtime.awaitLine(l -> CONSOLE_LINE.matcher(l).find(), Duration.ofSeconds(1));
        assertTrue(line.contains("http://localhost:" + runtime.port() + "/system/console"), line);
        assertEquals(workDir.resolve("run/sales/console-password").toRealPath(), passwordFile.toRealPath());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertTrue(password.length() >= 20, "password too short");
        assertFalse(String.join("\n", runtime.output()).contains(password), "the password must never be printed");

        assertEquals(401, console.status(Startup.PROBE_PATH, "admin", "admin"));
        assertEquals(401, console.status(Startup.PROBE_PATH, "admin", ""));
        assertEquals(200, console.status(Startup.PROBE_PATH, "admin", password));
    }

    @Test
    @Order(2)
    void aBundleUploadedThroughTheConsoleBecomesActive() throws Exception {
        String bsn = "io.edgebus.itest.probe.uploaded";
        Multipart form = new Multipart()
                .field("action", "install")
                .field("bundlestart", "start")
                .file("bundlefile", bsn + ".jar", "application/java-archive", ProbeBundle.jar(bsn));

        assertEquals(401, console.post(Console.ROOT + "/bundles", "admin", "admin", form).statusCode());
        HttpResponse<String> upload = console.post(Console.ROOT + "/bundles", "admin", password, form);
        assertTrue(upload.statusCode() < 400, () -> "upload answered " + upload.statusCode() + ": " + upload.body());

        awaitActive(bsn);
        runtime.awaitLine(l -> l.equals("EdgeBus probe started: " + bsn), Duration.ofSeconds(5));
    }

    @Test
    @Order(3)
    void aBundleAndAConfigurationDroppedInTheDeployFolderAreTakenUp() throws Exception {
        Path deploy = workDir.resolve("deploy");
        assertTrue(Files.isDirectory(deploy), "the runtime creates its deploy folder");
        String bsn = "io.edgebus.itest.probe.dropped";
        Files.write(deploy.resolve(bsn + ".jar"), ProbeBundle.jar(bsn));
        Files.writeString(deploy.resolve("io.edgebus.itest.greeting-booth.config"),
                "greeting=\"hello booth\"\ncount=I\"3\"\n", StandardCharsets.UTF_8);

        awaitActive(bsn);
        String filter = "%28service.factoryPid%3Dio.edgebus.itest.greeting%29";
        String json = awaitBody(Console.ROOT + "/configMgr/" + filter + ".json",
                body -> body.contains("io.edgebus.itest.greeting~booth"));
        assertTrue(json.contains("hello booth"), json);
        assertTrue(Files.exists(workDir.resolve("run/sales/config")), "ConfigAdmin keeps its files in the run dir");
    }

    @Test
    @Order(4)
    void componentsOfOurBundlesAreVisible() throws Exception {
        String json = awaitBody(Console.ROOT + "/components.json",
                body -> body.contains("io.edgebus.core.") && body.contains("io.edgebus.transport.rabbitmq."));
        Map<String, String> components = new TreeMap<>();
        for (JsonNode component : JSON.readTree(json).path("data")) {
            components.put(component.path("name").asText(), component.path("state").asText());
        }
        System.out.println("sales runtime: components " + components);
        assertEquals("active", components.get("io.edgebus.runtime.console.ConsolePasswordGuard"), json);

        String bundles = console.get(Console.ROOT + "/bundles.json", "admin", password).body();
        for (String bsn : new String[] {"io.edgebus.api", "io.edgebus.core", "io.edgebus.transport.rabbitmq"}) {
            assertEquals("Active", stateOf(bundles, bsn), bsn);
        }
    }

    @Test
    @Order(5)
    void residentMemoryAfterTenSeconds() throws Exception {
        long wait = 10_000 - runtime.millisSinceStart();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        System.out.printf("sales runtime: VmRSS %d MB after %d ms%n", runtime.residentKb() / 1024, runtime.millisSinceStart());
    }

    @Test
    @Order(6)
    void sigtermStopsTheRuntimeWithinTenSeconds() throws Exception {
        long before = System.nanoTime();
        Optional<Integer> exit = runtime.terminate(Duration.ofSeconds(10));
        assertTrue(exit.isPresent(), "still running 10 s after SIGTERM");
        System.out.printf("sales runtime: exited with %d, %d ms after SIGTERM%n", exit.get(),
                (System.nanoTime() - before) / 1_000_000);
        // The framework was stopped, not just the JVM: bundles got their stop() call.
        runtime.awaitLine(l -> l.equals("EdgeBus probe stopped: io.edgebus.itest.probe.uploaded"), Duration.ofSeconds(1));
    }

    private void awaitActive(String bsn) throws Exception {
        awaitBody(Console.ROOT + "/bundles.json", body -> stateOf(body, bsn).equals("Active"));
    }

    private static String stateOf(String bundlesJson, String symbolicName) throws IOException {
        for (JsonNode bundle : JSON.readTree(bundlesJson).path("data")) {
            if (symbolicName.equals(bundle.path("symbolicName").asText())) {
                return bundle.path("state").asText();
            }
        }
        return "absent";
    }

    private String awaitBody(String path, Check wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = console.get(path, "admin", password);
            body = response.body();
            if (response.statusCode() == 200 && wanted.test(body)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET " + path + " never showed what was expected; last answer:\n" + body
                + "\nruntime output:\n" + String.join("\n", runtime.output()));
    }

    private interface Check {
        boolean test(String body) throws IOException;
    }

    private String passwordOnceAnnounced() {
        if (password != null) {
            return password;
        }
        for (String line : runtime.output()) {
            Matcher matcher = CONSOLE_LINE.matcher(line);
            if (matcher.find()) {
                Path file = Path.of(matcher.group(2).strip());
                try {
                    String stored = Files.exists(file) ? Files.readString(file).strip() : "";
                    if (!stored.isEmpty()) {
                        passwordFile = file;
                        password = stored;
                    }
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return password;
    }
}
