package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopologyIT {
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void declaringTopologyCreatesQuorumQueuesEachBoundToItsOwnFanoutExchange() throws Exception {
        String queue = broker.queue("Billing");
        String error = broker.queue("error");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);

        endpoint.declareTopology(List.of(error));
        endpoint.declareTopology(List.of(error));

        Set<String> queues = lines(Broker.rabbitmqctl("list_queues", "name", "type", "durable"));
        assertTrue(queues.contains(queue + "\tquorum\ttrue"), queues.toString());
        assertTrue(queues.contains(error + "\tquorum\ttrue"), queues.toString());
        assertTrue(queues.contains("nsb.v2.delay-level-27\tquorum\ttrue"), "delay levels are quorum queues");
        Set<String> exchanges = lines(Broker.rabbitmqctl("list_exchanges", "name", "type", "durable"));
        assertTrue(exchanges.contains(queue + "\tfanout\ttrue"), exchanges.toString());
        assertTrue(exchanges.contains(error + "\tfanout\ttrue"), exchanges.toString());
        assertTrue(exchanges.contains("nsb.v2.delay-delivery\ttopic\ttrue"), exchanges.toString());
        Set<String> bindings = lines(Broker.rabbitmqctl("list_bindings",
                "source_name", "destination_name", "destination_kind", "routing_key"));
        // Lines are stripped, so the empty routing key of a fanout binding leaves no trailing tab.
        assertTrue(bindings.contains(queue + "\t" + queue + "\tqueue"), bindings.toString());
        assertTrue(bindings.contains(error + "\t" + error + "\tqueue"), bindings.toString());
        assertTrue(bindings.contains("nsb.v2.delay-delivery\t" + queue + "\texchange\t#." + queue),
                "the endpoint receives delayed messages addressed to it");
    }

    @Test
    void anExtraQueueThatAlreadyExistsIsKeptWhateverItsType() throws Exception {
        String queue = broker.queue("Shipping");
        String audit = broker.queue("audit");
        broker.adminChannel().queueDeclare(audit, true, false, false, null);
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);

        endpoint.declareTopology(List.of(audit));

        endpoint.dispatch(List.of(Messages.send(audit, "to the classic audit queue via its new exchange")));
        Broker.await(() -> count(audit) == 1, Duration.ofSeconds(5), "the message in " + audit);
    }

    @Test
    void queueLengthIsWhatWaitsInTheQueueAndEmptyForAMissingOne() throws Exception {
        String queue = broker.queue("Lengthy");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        assertEquals(java.util.OptionalLong.of(0), endpoint.queueLength(queue));

        for (int i = 0; i < 7; i++) {
            endpoint.dispatch(List.of(Messages.send(queue, "waiting " + i)));
        }
        Broker.await(() -> endpoint.queueLength(queue).orElse(-1) == 7, Duration.ofSeconds(5), "7 waiting");
        assertTrue(endpoint.queueLength(broker.queue("NoSuchQueue")).isEmpty());
        assertEquals(java.util.OptionalLong.of(7), endpoint.queueLength(queue), "a miss does not break the next ask");
    }

    @Test
    void anEndpointQueueOfAnotherTypeIsReportedInsteadOfUsed() throws Exception {
        String queue = broker.queue("Legacy");
        broker.adminChannel().queueDeclare(queue, true, false, false, null);
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);

        EdgeBusException e = assertThrows(EdgeBusException.class, () -> endpoint.declareTopology(List.of()));
        assertEquals(EdgeBusException.Code.INVALID_OPERATION, e.code());
        assertTrue(e.getMessage().contains("PRECONDITION_FAILED"), e.getMessage());
    }

    @Test
    void classicQueuesAreDeclaredWhenConfigured() throws Exception {
        String queue = broker.queue("Classic");
        TransportEndpoint endpoint = broker.endpoint(broker.transport(java.util.Map.of("queueType", "classic")), queue);
        Broker.awaitState(endpoint, io.edgebus.api.transport.TransportState.CONNECTED, Duration.ofSeconds(10));

        endpoint.declareTopology(List.of());

        assertTrue(lines(Broker.rabbitmqctl("list_queues", "name", "type")).contains(queue + "\tclassic"));
    }

    private long count(String queue) {
        try {
            return broker.adminChannel().messageCount(queue);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> lines(String output) {
        return Arrays.stream(output.split("\n")).map(String::strip).collect(Collectors.toSet());
    }
}
