package io.edgebus.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cloud/deploy-aca.sh --dry-run: the command sequence of the F31 deployment, checked line by line.
 * The script runs with an empty PATH, so an az command it tried to run instead of printing would
 * fail the run: the dry run provably runs nothing.
 */
class DeployAcaDryRunTest {

    private static final String[] ARGS = {"--dry-run", "--resource-group", "rg-booth-test", "--location", "northeurope",
            "--namespace", "edgebus-test-ns", "--environment", "env-booth-test", "--registry", "myacr.azurecr.io",
            "--image-tag", "1.2.3", "--min", "0", "--max", "4", "--pin", "shipping"};
    private static final String SB = "--resource-group rg-booth-test --namespace-name edgebus-test-ns";

    @TempDir
    Path emptyPath;

    private Script.Result dryRun(String... args) throws Exception {
        return Script.run("deploy-aca.sh", Map.of("PATH", emptyPath.toString()), args);
    }

    private static void assertLine(Script.Result result, String line) {
        assertTrue(result.lines().contains(line), "missing line: " + line + "\n" + result);
    }

    @Test
    void dryRunPrintsTheResourceGroupEnvironmentAndNamespace() throws Exception {
        Script.Result result = dryRun(ARGS);
        assertEquals(0, result.exitCode(), result::toString);
        assertLine(result, "would check: az group show --name rg-booth-test");
        assertLine(result, "  if missing, would run: az group create --name rg-booth-test --location northeurope --output none");
        assertLine(result, "  if missing, would run: az monitor log-analytics workspace create --resource-group rg-booth-test"
                + " --workspace-name env-booth-test-logs --location northeurope --output none");
        assertLine(result, "would check: az containerapp env show --resource-group rg-booth-test --name env-booth-test");
        assertLine(result, "  if missing, would run: az containerapp env create --resource-group rg-booth-test --name env-booth-test"
                + " --location northeurope --logs-destination log-analytics"
                + " --logs-workspace-id '<customerId of env-booth-test-logs>' --logs-workspace-key *** --output none");
        assertLine(result, "  if missing, would run: az servicebus namespace create --resource-group rg-booth-test"
                + " --name edgebus-test-ns --location northeurope --sku Standard --output none");
        assertLine(result, "would read: az servicebus namespace authorization-rule keys list " + SB
                + " --name edgebus --query primaryConnectionString --output tsv");
        assertLine(result, "dry run: nothing was changed");
    }

    @Test
    void dryRunCreatesTheEndpointAndPlatformQueuesTheTopicAndTheSubscriptions() throws Exception {
        Script.Result result = dryRun(ARGS);
        for (String queue : List.of("Billing", "Shipping", "Raffle", "error", "audit", "Particular.ServiceControl",
                "Particular.Monitoring")) {
            assertLine(result, "would check: az servicebus queue show " + SB + " --name " + queue);
            assertLine(result, "  if missing, would run: az servicebus queue create " + SB + " --name " + queue
                    + " --lock-duration PT5M --max-delivery-count 2147483647 --enable-batched-operations true --output none");
        }
        assertLine(result, "  if missing, would run: az servicebus topic create " + SB
                + " --name bundle-1 --enable-batched-operations true --output none");
        for (String endpoint : List.of("Billing", "Shipping", "Raffle")) {
            assertLine(result, "  if missing, would run: az servicebus topic subscription create " + SB
                    + " --topic-name bundle-1 --name " + endpoint + " --forward-to " + endpoint
                    + " --lock-duration PT5M --max-delivery-count 2147483647 --enable-batched-operations true --output none");
            assertLine(result, "  if present, would run: az servicebus topic subscription rule delete " + SB
                    + " --topic-name bundle-1 --subscription-name " + endpoint + " --name '$Default' --output none");
        }
        assertLine(result, "  if missing, would run: az servicebus topic subscription rule create " + SB
                + " --topic-name bundle-1 --subscription-name Shipping --name io.edgebus.booth.contracts.OrderBilled"
                + " --filter-type SqlFilter --filter-sql-expression"
                + " '[NServiceBus.EnclosedMessageTypes] LIKE '\\''%io.edgebus.booth.contracts.OrderBilled%'\\''' --output none");
    }

    @Test
    void eachAppScalesOnItsOwnQueueWithTheSecretAndThePin() throws Exception {
        Script.Result result = dryRun(ARGS);
        for (String role : List.of("billing", "shipping", "raffle")) {
            String queue = Character.toUpperCase(role.charAt(0)) + role.substring(1);
            String min = role.equals("shipping") ? "1" : "0";
            String scale = " --min-replicas " + min + " --max-replicas 4 --scale-rule-name " + role + "-queue"
                    + " --scale-rule-type azure-servicebus --scale-rule-metadata queueName=" + queue
                    + " namespace=edgebus-test-ns messageCount=25 --scale-rule-auth connection=servicebus-connection";
            String app = "--resource-group rg-booth-test --name edgebus-" + role;
            assertLine(result, "would check: az containerapp show " + app);
            assertLine(result, "  if missing, would run: az containerapp create " + app + " --environment env-booth-test"
                    + " --image myacr.azurecr.io/edgebus-" + role + ":1.2.3"
                    + " --registry-server myacr.azurecr.io --registry-identity system --cpu 0.5 --memory 1.0Gi"
                    + " --secrets servicebus-connection=***"
                    + " --env-vars EDGEBUS_ASB_CONNECTION_STRING=secretref:servicebus-connection" + scale + " --output none");
            assertLine(result, "  if present, would run: az containerapp secret set " + app
                    + " --secrets servicebus-connection=*** --output none");
            assertLine(result, "  if present, would run: az containerapp update " + app
                    + " --image myacr.azurecr.io/edgebus-" + role + ":1.2.3 --cpu 0.5 --memory 1.0Gi"
                    + " --set-env-vars EDGEBUS_ASB_CONNECTION_STRING=secretref:servicebus-connection" + scale + " --output none");
            assertLine(result, "edgebus-" + role + ": replicas " + min + "..4, KEDA azure-servicebus on queue " + queue
                    + " of edgebus-test-ns, 25 messages per replica");
        }
    }

    @Test
    void theSecretsAreMaskedAndEveryCreateIsGuardedByALookUp() throws Exception {
        Script.Result result = dryRun(ARGS);
        // The dry run's stand-in connection string and workspace key go through the same masking as real ones.
        assertFalse(result.stdout().contains("SharedAccessKey="), result::toString);
        assertFalse(result.stdout().contains("dry-run-placeholder"), result::toString);
        assertFalse(result.stdout().contains("dry-run-workspace-key"), result::toString);
        List<String> lines = result.lines();
        String lastCheck = null;
        int creates = 0;
        for (String line : lines) {
            if (line.startsWith("would check: ")) {
                lastCheck = line;
            }
            if (line.contains(" create ")) {
                creates++;
                assertTrue(line.startsWith("  if missing, would run: az "), "unguarded: " + line);
                assertTrue(lastCheck != null && lastCheck.contains(" show "), "no look-up before: " + line);
            }
        }
        assertEquals(1 + 1 + 1 + 1 + 1 + 7 + 1 + 3 + 4 + 3, creates, result::toString);
    }

    @Test
    void aSecondDryRunPrintsTheSame() throws Exception {
        Script.Result first = dryRun(ARGS);
        Script.Result second = dryRun(ARGS);
        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(first.stdout(), second.stdout());
    }

    @Test
    void withoutMinAndMaxEveryAppScalesFromZeroToFive() throws Exception {
        Script.Result result = dryRun("--dry-run", "--namespace", "edgebus-test-ns", "--registry", "ghcr.io/edgebus");
        assertEquals(0, result.exitCode(), result::toString);
        for (String role : List.of("billing", "shipping", "raffle")) {
            assertTrue(result.stdout().contains("--name edgebus-" + role + " --environment edgebus-env --image ghcr.io/edgebus/edgebus-"
                    + role + ":latest --cpu 0.5"), result::toString);
            assertLine(result, "edgebus-" + role + ": replicas 0..5, KEDA azure-servicebus on queue "
                    + Character.toUpperCase(role.charAt(0)) + role.substring(1) + " of edgebus-test-ns, 25 messages per replica");
        }
        assertFalse(result.stdout().contains("--registry-identity"), "only an Azure Container Registry is pulled with the managed identity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--dry-run --registry r.io", "--dry-run --namespace edgebus-test-ns",
            "--dry-run --namespace edgebus-test-ns --registry r.io --min 6 --max 5",
            "--dry-run --namespace edgebus-test-ns --registry r.io --max 0",
            "--dry-run --namespace edgebus-test-ns --registry r.io --pin sales",
            "--dry-run --namespace edgebus-test-ns --registry r.io --min two",
            "--dry-run --namespace bad_name --registry r.io",
            "--dry-run --namespace edgebus-test-ns --registry r.io --environment Env_1",
            "--dry-run --namespace edgebus-test-ns --registry r.io --bogus",
            "--dry-run --namespace edgebus-test-ns --registry r.io --max"})
    void badArgumentsPrintTheUsageAndExitTwo(String args) throws Exception {
        Script.Result result = dryRun(args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("usage: cloud/deploy-aca.sh"), result::toString);
        assertEquals("", result.stdout(), "nothing may run or print before the arguments are checked");
    }
}
