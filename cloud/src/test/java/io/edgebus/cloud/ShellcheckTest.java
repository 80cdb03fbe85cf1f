package io.edgebus.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** cloud/'s scripts pass shellcheck (apt-get install shellcheck); skipped, visibly, where it is not installed. */
class ShellcheckTest {

    @Test
    void theCloudScriptsAreShellcheckClean() throws Exception {
        Path shellcheck = Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "shellcheck"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(shellcheck != null, "shellcheck is not installed (apt-get install -y shellcheck)");
        Process process = new ProcessBuilder(shellcheck.toString(), "deploy-aca.sh", "build-images.sh",
                "status-aca.sh", "images/entrypoint.sh", "images/healthcheck.sh")
                .directory(Script.CLOUD.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "shellcheck hangs");
        assertEquals(0, process.exitValue(), output);
    }
}
