package io.edgebus.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cloud/build-images.sh --dry-run: the commands, in order; the staged context itself: {@link CloudEntrypointIT}. */
class BuildImagesDryRunTest {

    @TempDir
    Path tmp;

    private Script.Result run(String... args) throws Exception {
        return Script.run("build-images.sh", Map.of(), args);
    }

    @Test
    void dryRunPrintsTheStagingAndOneBuildPerRoleAndRunsNothing() throws Exception {
        Path context = tmp.resolve("context");
        Script.Result result = run("--dry-run", "--engine", "podman", "--tag", "1.2.3", "--registry", "myacr.azurecr.io",
                "--context", context.toString(), "--push");
        assertEquals(0, result.exitCode(), result::toString);
        List<String> expected = new ArrayList<>();
        if (!Files.exists(Script.ROOT.resolve("sales-distro/target/sales.jar"))) {
            expected.add("would run: mvn -B -ntp -q -f " + Script.ROOT.resolve("pom.xml")
                    + " package -pl sales-distro -am -DskipTests");
        }
        expected.add("would run: rm -rf " + context);
        expected.add("would run: mkdir -p " + context + "/bin " + context + "/profiles");
        expected.add("would run: cp " + Script.CLOUD + "/images/Containerfile " + Script.ROOT + "/sales-distro/target/sales.jar "
                + context + "/");
        expected.add("would run: cp " + Script.ROOT + "/sales-distro/bin/runtime " + context + "/bin/runtime");
        expected.add("would run: cp " + Script.CLOUD + "/images/entrypoint.sh " + context + "/bin/entrypoint");
        expected.add("would run: cp " + Script.CLOUD + "/images/healthcheck.sh " + context + "/bin/healthcheck");
        for (String profile : List.of("common", "billing", "shipping", "raffle")) {
            expected.add("would run: cp -R " + Script.CLOUD + "/profiles/" + profile + " " + context + "/profiles/");
        }
        for (String role : List.of("billing", "shipping", "raffle")) {
            String image = "myacr.azurecr.io/edgebus-" + role + ":1.2.3";
            expected.add("would run: podman build --format docker --file " + context + "/Containerfile --build-arg ROLE="
                    + role + " --tag " + image + " " + context);
            expected.add("would run: podman push " + image);
        }
        assertEquals(expected, result.lines());
        assertFalse(Files.exists(context), "a dry run must not stage anything");
        assertEquals(result.stdout(), run("--dry-run", "--engine", "podman", "--tag", "1.2.3", "--registry",
                "myacr.azurecr.io", "--context", context.toString(), "--push").stdout(), "a second dry run prints the same");
    }

    @Test
    void dockerBuildsOneRoleWithTheDefaultTag() throws Exception {
        Path context = tmp.resolve("context");
        Script.Result result = run("--dry-run", "--engine", "docker", "--role", "raffle", "--context", context.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("would run: docker build --file " + context + "/Containerfile --build-arg ROLE=raffle --tag edgebus-raffle:latest "
                + context, result.lines().get(result.lines().size() - 1));
        assertFalse(result.stdout().contains("profiles/billing"), result::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--engine rkt", "--tag a/b", "--role sales", "--registry UPPER.io", "--bogus", "--tag"})
    void badArgumentsPrintTheUsageAndExitTwo(String args) throws Exception {
        Script.Result result = run(("--dry-run " + args).split(" "));
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("usage: cloud/build-images.sh"), result::toString);
        assertEquals("", result.stdout(), result::toString);
    }
}
