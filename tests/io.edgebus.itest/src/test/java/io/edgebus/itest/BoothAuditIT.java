package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, acceptance 4: a 100-order booth run with one Sales (outbox) in a real framework on the
 * real RabbitMQ and PostgreSQL, every endpoint auditing. Every message a handler processed has its
 * audit copy; every saga change has a SagaUpdatedMessage; and the copies' ConversationId, RelatedTo,
 * OriginatingEndpoint and ProcessingEndpoint link ClientUI → Sales → Billing/Shipping → Sales. The
 * raffle runs in {@code audit} reveal mode (F20): RaffleWinnerSelected is found in the audit queue.
 */
class BoothAuditIT {
    private static final int ORDERS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BoothShop shop = new BoothShop();

    /** One audited or saga-audit message: its headers and body. */
    record Copy(Map<String, String> headers, JsonNode body) {
        String h(String name) {
            return headers.get("NServiceBus." + name);
        }

        String type() {
            String t = h("EnclosedMessageTypes");
            return t.substring(t.lastIndexOf('.', t.indexOf(';') < 0 ? t.length() : t.indexOf(';')) + 1,
                    t.indexOf(';') < 0 ? t.length() : t.indexOf(';'));
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        shop.close();
    }

    @Test
    void everyProcessedMessageAndSagaChangeIsAuditedWithConversationsLinkingTheEndpoints() throws Exception {
        shop.start(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"));
        shop.configure(1, "audit");
        HandledCounter counter = new HandledCounter();
        for (String e : List.of(shop.sales, shop.billing, shop.shipping, shop.raffle)) {
            counter.watch(shop.fw, e);
        }
        ClientUi.Orders sent = shop.clientUi.sendOrders(ORDERS);
        int raffleOrders = sent.raffle().size();
        await("all orders completed and the raffle drawn", 120, () -> shop.checks.sagaRows() == 0
                && counter.distinctAndTotal(shop.billing, "OrderPlaced")[0] == ORDERS
                && counter.distinctAndTotal(shop.shipping, "OrderPlaced")[0] == ORDERS
                && counter.distinctAndTotal(shop.raffle, "RaffleWinnerSelected")[0] == raffleOrders
                && count(shop.audit) >= expectedAudits(sent) && count(shop.sagaAudit) >= 3L * ORDERS);
        Thread.sleep(1000); // anything more would arrive within this
        List<Copy> audit = drain(shop.audit);
        List<Copy> sagaAudit = drain(shop.sagaAudit);
        assertEquals(0, shop.checks.errorCount(), "nothing failed");
        assertEquals(expectedAudits(sent), audit.size(), "one audit copy per processed message (duplicates too)");

        // Every (endpoint, type, order) a handler processed has an audit copy processed there.
        Map<String, Set<String>> audited = new HashMap<>();
        for (Copy c : audit) {
            audited.computeIfAbsent(c.h("ProcessingEndpoint") + "/" + c.type(), k -> new HashSet<>())
                    .add(c.body().get("orderId").asText());
            for (String h : List.of("ProcessingStarted", "ProcessingEnded", "ProcessingMachine", "TimeSent")) {
                assertNotNull(c.h(h), h);
            }
        }
        for (String[] et : new String[][] {{shop.sales, "PlaceOrder"}, {shop.sales, "OrderBilled"},
                {shop.sales, "OrderShipped"}, {shop.billing, "OrderPlaced"}, {shop.shipping, "OrderPlaced"},
                {shop.shipping, "OrderBilled"}, {shop.raffle, "RaffleOrderCompleted"},
                {shop.raffle, "RaffleWinnerSelected"}}) {
            int handled = counter.distinctAndTotal(et[0], et[1])[0];
            assertTrue(handled > 0, et[0] + "/" + et[1] + " handled");
            assertEquals(handled, audited.getOrDefault(et[0] + "/" + et[1], Set.of()).size(), et[0] + "/" + et[1]);
        }
        assertEquals(raffleOrders, audited.get(shop.raffle + "/RaffleWinnerSelected").size(),
                "F20 audit reveal mode: every winner is in the audit queue");

        // The conversation of each order, as ServicePulse would draw it from the audit queue.
        Map<String, List<Copy>> byOrder = audit.stream().collect(Collectors.groupingBy(c -> c.body().get("orderId").asText()));
        for (String orderId : sent.all()) {
            List<Copy> flow = byOrder.get(orderId);
            Copy placeOrder = only(flow, shop.sales, "PlaceOrder");
            assertEquals(shop.client, placeOrder.h("OriginatingEndpoint"));
            Copy billingPlaced = only(flow, shop.billing, "OrderPlaced");
            // A resent duplicate is a new send from ClientUI (a new conversation); the one Sales handled
            // starts the conversation everything else continues.
            String conversation = billingPlaced.h("ConversationId");
            assertTrue(flow.stream().filter(c -> c.type().equals("PlaceOrder"))
                    .anyMatch(c -> conversation.equals(c.h("ConversationId"))), orderId);
            assertTrue(flow.stream().filter(c -> !c.type().equals("PlaceOrder"))
                    .allMatch(c -> conversation.equals(c.h("ConversationId"))), orderId);
            Copy shippingPlaced = only(flow, shop.shipping, "OrderPlaced");
            for (Copy placed : List.of(billingPlaced, shippingPlaced)) {
                assertEquals(shop.sales, placed.h("OriginatingEndpoint"));
                assertEquals(placeOrder.h("MessageId"), placed.h("RelatedTo"));
            }
            assertEquals(billingPlaced.h("MessageId"), shippingPlaced.h("MessageId"), "one published event");
            Copy billed = only(flow, shop.sales, "OrderBilled");
            assertEquals(shop.billing, billed.h("OriginatingEndpoint"));
            assertEquals(billingPlaced.h("MessageId"), billed.h("RelatedTo"));
            Copy shipped = only(flow, shop.sales, "OrderShipped");
            assertEquals(shop.shipping, shipped.h("OriginatingEndpoint"));
            assertEquals(shippingPlaced.h("MessageId"), shipped.h("RelatedTo"));
        }

        // Each saga: created, updated, completed; each change related to the message that caused it.
        Map<String, List<Copy>> sagas = sagaAudit.stream().collect(Collectors.groupingBy(c -> c.body().get("SagaId").asText()));
        assertEquals(ORDERS, sagas.size());
        for (List<Copy> changes : sagas.values()) {
            assertEquals(3, changes.size(), "created, updated, completed");
            assertEquals(1, changes.stream().filter(c -> c.body().get("IsNew").asBoolean()).count());
            assertEquals(1, changes.stream().filter(c -> c.body().get("IsCompleted").asBoolean()).count());
            String orderId = JSON.readTree(changes.get(0).body().get("SagaState").asText()).get("orderId").asText();
            String conversation = only(byOrder.get(orderId), shop.billing, "OrderPlaced").h("ConversationId");
            for (Copy c : changes) {
                assertEquals("ServiceControl.EndpointPlugin.Messages.SagaState.SagaUpdatedMessage", c.h("EnclosedMessageTypes"));
                assertEquals(shop.sales, c.body().get("Endpoint").asText());
                assertEquals("io.edgebus.booth.sales.OrderSaga", c.body().get("SagaType").asText());
                assertEquals(conversation, c.h("ConversationId"));
                assertEquals(c.body().get("Initiator").get("InitiatingMessageId").asText(), c.h("RelatedTo"));
                String initiatorType = c.body().get("Initiator").get("MessageType").asText();
                assertTrue(c.body().get("IsNew").asBoolean() == initiatorType.endsWith("PlaceOrder"), initiatorType);
            }
        }
    }

    private static int expectedAudits(ClientUi.Orders sent) {
        // Sales: each PlaceOrder receipt (a duplicate too), OrderBilled, OrderShipped; Billing: OrderPlaced;
        // Shipping: OrderPlaced, OrderBilled; Raffle: RaffleOrderCompleted, RaffleWinnerSelected.
        return ORDERS + sent.duplicates() + 2 * ORDERS + ORDERS + 2 * ORDERS + 2 * sent.raffle().size();
    }

    private static Copy only(List<Copy> flow, String endpoint, String type) {
        List<Copy> found = flow.stream().filter(c -> endpoint.equals(c.h("ProcessingEndpoint")) && type.equals(c.type()))
                .toList();
        assertTrue(!found.isEmpty(), endpoint + "/" + type);
        // A resent duplicate PlaceOrder is audited again, with the same id.
        assertEquals(1, found.stream().map(c -> c.h("MessageId")).distinct().count(), endpoint + "/" + type);
        return found.get(0);
    }

    private long count(String queue) {
        try {
            return shop.rabbit.messageCount(queue);
        } catch (Exception e) {
            return -1;
        }
    }

    private List<Copy> drain(String queue) throws Exception {
        List<Copy> copies = new ArrayList<>();
        for (var m = shop.rabbit.get(queue); m != null; m = shop.rabbit.get(queue)) {
            Map<String, String> headers = new HashMap<>();
            m.getProps().getHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
            copies.add(new Copy(headers, JSON.readTree(m.getBody())));
        }
        return copies;
    }
}
