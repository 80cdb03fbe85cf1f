package io.edgebus.monitoring.queuelength.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management API client against the real RabbitMQ of this machine (management plugin on 15672,
 * see scripts/services.sh): counts as rabbitmqctl shows them, and each way it can refuse.
 */
class ManagementApiIT {
    private static final String VHOST = "qlf-api-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD_IN_TEST = "wrong-" + UUID.randomUUID();
    private static ExecutorService threads;

    @BeforeAll
    static void createVirtualHost() throws Exception {
        threads = Executors.newCachedThreadPool();
        Broker.rabbitmqctl("add_vhost", VHOST);
        Broker.rabbitmqctl("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
        Broker.declareAndFill(VHOST, "Sales", 4);
        Broker.declareAndFill(VHOST, "ClientUI", 2);
    }

    @AfterAll
    static void deleteVirtualHost() throws Exception {
        Broker.rabbitmqctl("delete_vhost", VHOST);
        threads.shutdownNow();
    }

    @Test
    void theCountsOfARealVirtualHostAreThoseRabbitmqctlShows() throws Exception {
        ManagementApi api = api("http://localhost:15672", VHOST, "guest", 4_000);
        Map<String, Long> expected = Broker.listQueues(VHOST);
        assertEquals(Map.of("Sales", 4L, "ClientUI", 2L), expected);
        // The API's counts are the broker's statistics, refreshed every 5 s: wait for the first ones.
        long deadline = System.nanoTime() + 20_000_000_000L;
        Map<String, Long> got = Map.of();
        while (System.nanoTime() < deadline && !got.equals(expected)) {
            PollOutcome.Queues queues = assertInstanceOf(PollOutcome.Queues.class, api.poll());
            got = new HashMap<>();
            for (QueueCounts q : queues.queues()) {
                got.put(q.name(), q.messages());
            }
            Thread.sleep(500);
        }
        assertEquals(expected, got);
    }

    @Test
    void aWrongPasswordIsUnauthorizedAndTheTextNamesTheUserButNotThePassword() throws Exception {
        PollOutcome.Problem p = problem(api("http://localhost:15672/", VHOST, "guest", PASSWORD_IN_TEST, 4_000));
        assertEquals("unauthorized", p.kind());
        assertTrue(p.text().contains("refused user 'guest' (401: Login failed)"), p.text());
        assertFalse(p.text().contains(PASSWORD_IN_TEST));
    }

    @Test
    void anUnknownVirtualHostIsNotFound() throws Exception {
        PollOutcome.Problem p = problem(api("http://localhost:15672/", VHOST + "-gone", "guest", 4_000));
        assertEquals("not-found", p.kind());
        assertTrue(p.text().contains("404 for virtual host '" + VHOST + "-gone': Not Found"), p.text());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PollOutcome.Problem p = problem(api("http://127.0.0.1:" + port, VHOST, "guest", 2_000));
        assertEquals("unreachable", p.kind());
        assertTrue(p.text().startsWith("cannot reach the management API at http://127.0.0.1:" + port + "/"), p.text());
    }

    @Test
    void aServerThatNeverAnswersIsUnreachableAfterTheRequestTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            threads.execute(() -> {
                try {
                    held.add(silent.accept()); // accepts, reads nothing, answers nothing
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            long start = System.nanoTime();
            PollOutcome.Problem p = problem(api("http://127.0.0.1:" + silent.getLocalPort(), VHOST, "guest", 300));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("unreachable", p.kind());
            assertTrue(p.text().endsWith("did not answer within 300 ms"), p.text());
            assertTrue(ms < 5_000, "took " + ms + " ms");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static PollOutcome.Problem problem(ManagementApi api) throws InterruptedException {
        return assertInstanceOf(PollOutcome.Problem.class, api.poll());
    }

    private static ManagementApi api(String url, String vhost, String user, int timeoutMs) {
        return api(url, vhost, user, "guest", timeoutMs);
    }

    private static ManagementApi api(String url, String vhost, String user, String password, int timeoutMs) {
        ForwarderSettings s = ForwarderSettings.from(ForwarderSettingsTest.config(Map.of("managementUrl", url,
                "vhost", vhost, "username", user, "_password", password, "requestTimeoutMs", timeoutMs)));
        ObjectMapper mapper = new ObjectMapper();
        return new ManagementApi(s, new QueueListJson(mapper), mapper, threads);
    }
}
