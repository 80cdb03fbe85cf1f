package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The RabbitMQ on localhost:5672 (guest/guest), as integration tests use it: transports, unique
 * names, a plain admin connection for setup and checks, rabbitmqctl, and cleanup of everything a
 * test created. One per test.
 */
final class Broker implements AutoCloseable {
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private final List<TransportEndpoint> endpoints = new ArrayList<>();
    private final List<RabbitMqTransportComponent> transports = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private Connection admin;

    /** A name unique to this test, remembered as a queue (and same-named exchange) to delete. */
    String queue(String prefix) {
        String name = prefix + "-" + suffix;
        queues.add(name);
        exchanges.add(name);
        return name;
    }

    /** A name unique to this test, remembered as an exchange to delete. */
    String exchange(String prefix) {
        String name = "io.edgebus.it." + prefix + "-" + suffix;
        exchanges.add(name);
        return name;
    }

    RabbitMqTransportComponent transport(Map<String, Object> overrides) {
        RabbitMqTransportComponent transport = new RabbitMqTransportComponent();
        Map<String, Object> config = new HashMap<>(Map.of("transport_name", "it", "confirmTimeoutMs", 10_000L));
        config.putAll(overrides);
        transport.activate(TestConfigs.config(config));
        transports.add(transport);
        return transport;
    }

    /** An endpoint on {@code queue} (from {@link #queue}), connected before it returns. */
    TransportEndpoint connectedEndpoint(String queue) {
        TransportEndpoint endpoint = endpoint(transport(Map.of()), queue);
        awaitState(endpoint, TransportState.CONNECTED, Duration.ofSeconds(10));
        return endpoint;
    }

    /** An endpoint named after its queue (from {@link #queue}), instance 1, with its own error queue. */
    TransportEndpoint endpoint(RabbitMqTransportComponent transport, String queue) {
        TransportEndpoint endpoint = transport.open(new EndpointAddress(queue, queue, "1", queue("error")));
        endpoints.add(endpoint);
        return endpoint;
    }

    Channel adminChannel() throws Exception {
        if (admin == null) {
            admin = new ConnectionFactory().newConnection("edgebus-it-admin");
        }
        return admin.createChannel();
    }

    static String rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    /**
     * The broker's process ids of the connections with this client-provided name. Tests close
     * those rather than running close_all_connections, which would also cut the connections of
     * everything else using this shared broker.
     */
    static List<String> connectionPids(String connectionName) throws IOException, InterruptedException {
        List<String> pids = new ArrayList<>();
        for (String line : rabbitmqctl("list_connections", "pid", "client_properties").split("\n")) {
            if (line.contains("{\"connection_name\",\"" + connectionName + "\"}")) {
                pids.add(line.substring(0, line.indexOf('\t')));
            }
        }
        return pids;
    }

    /** Closes a connection from the broker's side, as close_all_connections does. */
    static void closeConnection(String pid) throws IOException, InterruptedException {
        rabbitmqctl("close_connection", pid, "test");
    }

    static void awaitState(TransportEndpoint endpoint, TransportState state, Duration timeout) {
        await(() -> endpoint.state() == state, timeout, "state " + state + " (is " + endpoint.state() + ")");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (TransportEndpoint endpoint : endpoints) {
            endpoint.close(Duration.ofSeconds(1));
        }
        for (RabbitMqTransportComponent transport : transports) {
            transport.deactivate();
        }
        Channel channel = adminChannel();
        for (String queue : queues) {
            channel.queueDelete(queue);
        }
        for (String exchange : exchanges) {
            channel.exchangeDelete(exchange);
        }
        admin.close();
    }
}
