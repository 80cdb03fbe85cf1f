package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 6: a PlaceOrder without orderId, a message of a type Sales does not know and
 * a body that is not JSON each land in the error queue at once, intact and with the reason; none is
 * lost and Sales goes on taking orders.
 */
class SalesBadInputIT {
    private static final String PLACE_ORDER = "io.edgebus.booth.contracts.PlaceOrder";

    private final BoothShop shop = new BoothShop();

    @AfterEach
    void cleanUp() throws Exception {
        shop.close();
    }

    @Test
    void badOrdersGoToTheErrorQueueAndSalesKeepsWorking() throws Exception {
        shop.start(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"));
        shop.configure(1);
        HandledCounter counter = new HandledCounter();
        counter.watch(shop.fw, shop.billing);

        Map<String, String> bad = new HashMap<>();
        bad.put(send(PLACE_ORDER, "{\"campaign\":\"Website\"}"), "orderId");
        bad.put(send("Booth.Contracts.Unknown", "{\"orderId\":\"o-1\"}"), "no handler");
        bad.put(send(PLACE_ORDER, "this is not JSON"), "not a valid");
        String good = UUID.randomUUID().toString();
        shop.clientUi.placeOrder(good, "Website");

        await("the good order billed", 60, () -> counter.count(shop.billing, "OrderPlaced", good) == 1);
        await("three messages in the error queue", 30, () -> shop.checks.errorCount() == 3);
        Thread.sleep(1000); // a retried or duplicated failure would add to the error queue within this
        assertEquals(3, shop.checks.errorCount());
        for (GetResponse failed = shop.rabbit.get(shop.errors); failed != null; failed = shop.rabbit.get(shop.errors)) {
            Map<String, Object> h = failed.getProps().getHeaders();
            String id = String.valueOf(h.get("NServiceBus.MessageId"));
            String reason = String.valueOf(h.get("NServiceBus.ExceptionInfo.Message"));
            assertTrue(bad.containsKey(id), "unexpected message in the error queue: " + id);
            assertTrue(reason.contains(bad.remove(id)), id + ": " + reason);
            assertEquals(shop.sales, String.valueOf(h.get("NServiceBus.FailedQ")));
            assertEquals("0", String.valueOf(h.get("NServiceBus.Retries.Immediate")), "poison is not retried");
            String body = new String(failed.getBody(), StandardCharsets.UTF_8);
            assertTrue(body.equals("{\"campaign\":\"Website\"}") || body.equals("{\"orderId\":\"o-1\"}")
                    || body.equals("this is not JSON"), "body kept intact: " + body);
        }
        assertTrue(bad.isEmpty(), "not in the error queue: " + bad);
        assertTrue(shop.running(shop.sales), "Sales is still running");
    }

    private String send(String type, String body) throws Exception {
        String id = UUID.randomUUID().toString();
        shop.rabbit.sendJson(shop.sales, type, id, body);
        shop.rabbit.awaitConfirms();
        return id;
    }
}
