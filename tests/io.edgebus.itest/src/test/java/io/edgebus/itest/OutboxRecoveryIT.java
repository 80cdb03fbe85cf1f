package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * A record Sales committed to its outbox but never dispatched — the process died between commit and
 * dispatch, and the message that caused it will not come back — is dispatched by the endpoint's
 * outbox recovery, once, with the real PostgreSQL claim (FOR UPDATE SKIP LOCKED) and broker.
 */
class OutboxRecoveryIT {
    private final BoothShop shop = new BoothShop();

    @AfterEach
    void cleanUp() throws Exception {
        shop.close();
    }

    @Test
    void aCommittedButUndispatchedRecordIsDispatchedOnce() throws Exception {
        shop.start(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"));
        shop.configure(2, Map.of("outboxRecoverySeconds", 1));
        HandledCounter counter = new HandledCounter();
        counter.watch(shop.fw, shop.billing);
        counter.watch(shop.fw, shop.sales);

        String orderId = UUID.randomUUID().toString();
        String incomingId = "lost-" + UUID.randomUUID();
        storeUndispatched(incomingId, placeOrder(orderId));

        await("the stranded PlaceOrder dispatched, the order billed", 60,
                () -> counter.count(shop.billing, "OrderPlaced", orderId) == 1);
        await("the record marked dispatched", 10, () -> ShopChecks.count("SELECT count(*) FROM " + shop.schema
                + ".outbox WHERE message_id = '" + incomingId + "' AND dispatched") == 1);
        Thread.sleep(3000); // two more recovery passes of each instance: a second dispatch would show
        assertEquals(1, counter.count(shop.sales, "PlaceOrder", orderId), "dispatched once, handled once");
        assertEquals(1, counter.count(shop.billing, "OrderPlaced", orderId));
    }

    /** PlaceOrder as Sales would have sent it to itself (a send-local), built with the framework's API classes. */
    private Object placeOrder(String orderId) throws Exception {
        Class<?> destination = shop.fw.apiClass("io.edgebus.api.transport.Destination");
        Object queue = shop.fw.apiClass("io.edgebus.api.transport.Destination$Queue").getConstructor(String.class)
                .newInstance(shop.sales);
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("NServiceBus.MessageId", id, "NServiceBus.MessageIntent", "Send",
                "NServiceBus.ContentType", "application/json",
                "NServiceBus.EnclosedMessageTypes", "io.edgebus.booth.contracts.PlaceOrder");
        byte[] body = ("{\"orderId\":\"" + orderId + "\",\"campaign\":\"Website\"}").getBytes(StandardCharsets.UTF_8);
        return shop.fw.apiClass("io.edgebus.api.transport.OutgoingMessage")
                .getConstructor(String.class, Map.class, byte[].class, destination, Duration.class)
                .newInstance(id, headers, body, queue, null);
    }

    private void storeUndispatched(String incomingId, Object message) throws Exception {
        Class<?> persistenceType = shop.fw.apiClass("io.edgebus.api.persistence.Persistence");
        Class<?> outboxType = shop.fw.apiClass("io.edgebus.api.persistence.OutboxStorage");
        Class<?> sessionType = shop.fw.apiClass("io.edgebus.api.persistence.StorageSession");
        Class<?> recordType = shop.fw.apiClass("io.edgebus.api.persistence.OutboxRecord");
        ServiceReference<?> ref = shop.fw.awaitService(persistenceType.getName(), "(persistence.name=booth)");
        Object persistence = shop.fw.context().getService(ref);
        try {
            Object record = recordType.getConstructor(String.class, String.class, List.class, boolean.class)
                    .newInstance(shop.sales, incomingId, List.of(message), false);
            Object session = persistenceType.getMethod("open", String.class).invoke(persistence, shop.sales);
            Object outbox = persistenceType.getMethod("outbox").invoke(persistence);
            outboxType.getMethod("store", sessionType, recordType).invoke(outbox, session, record);
            sessionType.getMethod("commit").invoke(session);
            sessionType.getMethod("close").invoke(session);
        } finally {
            shop.fw.context().ungetService(ref);
        }
    }
}
