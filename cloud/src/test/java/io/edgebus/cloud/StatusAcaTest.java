package io.edgebus.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cloud/status-aca.sh: idle is not dead (SPEC §9) — the classification, and the commands it reads with. */
class StatusAcaTest {

    @ParameterizedTest(name = "{0} replicas, {1} waiting, first seen {2}, now {3}, limit {4} -> {5}")
    @CsvSource({
            "0, 0, '',  1000, 120, idle",
            "2, 0, '',  1000, 120, running",
            "1, 500, '', 1000, 120, running",
            "0, 12, 1000, 1000, 120, starting",
            "0, 12, 900, 1000, 120, starting",
            "0, 12, 879, 1000, 120, ALERT"})
    void zeroReplicasAreIdleUntilABacklogOutlastsTheColdStartLimit(int replicas, int waiting, String firstSeen, long now,
                                                                   int limit, String expected) throws Exception {
        String call = "source " + Script.CLOUD.resolve("status-aca.sh") + " && scale_state " + replicas + " " + waiting
                + " '" + firstSeen + "' " + now + " " + limit;
        Process process = new ProcessBuilder("/bin/bash", "-c", call).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        assertEquals(0, process.waitFor(), output);
        assertEquals(expected, output);
    }

    @Test
    void dryRunNamesTheReplicaAndQueueReadsOfEachApp() throws Exception {
        Script.Result result = Script.run("status-aca.sh", Map.of(), "--dry-run", "--namespace", "edgebus-test-ns",
                "--resource-group", "rg-booth-test");
        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.lines();
        assertEquals(6, lines.size(), result::toString);
        for (String role : List.of("billing", "shipping", "raffle")) {
            String queue = Character.toUpperCase(role.charAt(0)) + role.substring(1);
            assertTrue(lines.contains("would read: az containerapp replica list --resource-group rg-booth-test --name edgebus-"
                    + role + " --query length\\(@\\) --output tsv"), result::toString);
            assertTrue(lines.contains("would read: az servicebus queue show --resource-group rg-booth-test --namespace-name"
                    + " edgebus-test-ns --name " + queue + " --query countDetails.activeMessageCount --output tsv"), result::toString);
        }
    }

    @Test
    void badArgumentsPrintTheUsageAndExitTwo() throws Exception {
        for (String[] args : List.of(new String[0], new String[] {"--namespace", "x"},
                new String[] {"--namespace", "edgebus-test-ns", "--cold-start-limit", "soon"})) {
            Script.Result result = Script.run("status-aca.sh", Map.of(), args);
            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("usage: cloud/status-aca.sh"), result::toString);
        }
    }
}
