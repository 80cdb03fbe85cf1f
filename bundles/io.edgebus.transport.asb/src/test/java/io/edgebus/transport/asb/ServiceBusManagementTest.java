package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The Service Bus topology through the management API, against the documented-behaviour fake. */
class ServiceBusManagementTest {
    private static final String KEY = "c2VjcmV0LWtleS1mb3ItdGhlLWZha2UtbmFtZXNwYWNl";
    private final FakeServiceBusManagement fake = new FakeServiceBusManagement("RootManageSharedAccessKey", KEY);
    private final ServiceBusManagement management = new ServiceBusManagement(
            ConnectionString.parse(fake.connectionString()), fake.uri(), Clock.systemUTC());

    ServiceBusManagementTest() throws Exception {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private void declareEndpoint(String name) {
        management.ensureQueue(name);
        management.ensureQueue("error");
        management.ensureTopic("bundle-1");
        management.ensureSubscription("bundle-1", name, name);
    }

    @Test
    void declaringAnEndpointCreatesItsQueueTheTopicAndAForwardingSubscriptionWithoutTheDefaultRule() {
        declareEndpoint("Billing");

        assertEquals("QueueDescription", fake.entity("Billing").getLocalName());
        assertEquals("2147483647", text(fake.entity("Billing"), "MaxDeliveryCount"), "the transport limits deliveries itself");
        assertEquals("TopicDescription", fake.entity("bundle-1").getLocalName());
        Element subscription = fake.entity("bundle-1/Subscriptions/Billing");
        assertEquals("https://" + FakeServiceBusManagement.NAMESPACE + "/Billing", text(subscription, "ForwardTo"));
        assertNull(fake.entity("bundle-1/Subscriptions/Billing/Rules/$Default"), "the select-everything rule is removed");
        assertTrue(fake.requests().stream().allMatch(r -> r.status() == 201 || r.status() == 200), statuses());
    }

    @Test
    void declaringAgainFindsEverythingInPlaceAndKeepsTheRules() {
        declareEndpoint("Billing");
        management.ensureRule("bundle-1", "Billing", "Booth.Contracts.OrderPlaced");
        int before = fake.requests().size();

        declareEndpoint("Billing");
        management.ensureRule("bundle-1", "Billing", "Booth.Contracts.OrderPlaced");

        List<Integer> again = fake.requests().subList(before, fake.requests().size()).stream()
                .map(FakeServiceBusManagement.Request::status).toList();
        assertEquals(List.of(409, 409, 409, 409, 409), again, "each PUT found its entity; no DELETE of a rule");
        assertNotNull(fake.entity("bundle-1/Subscriptions/Billing/Rules/Booth.Contracts.OrderPlaced"));
    }

    @Test
    void aRuleSelectsTheSubscribedTypeByTheEnclosedTypesHeaderAsNServiceBusDoes() {
        declareEndpoint("Shipping");

        management.ensureRule("bundle-1", "Shipping", "Booth.Contracts.OrderPlaced");

        Element rule = fake.entity("bundle-1/Subscriptions/Shipping/Rules/Booth.Contracts.OrderPlaced");
        assertEquals("[NServiceBus.EnclosedMessageTypes] LIKE '%Booth.Contracts.OrderPlaced%'", text(rule, "SqlExpression"));
        assertEquals("SqlFilter", ((Element) rule.getElementsByTagNameNS(FakeServiceBusManagement.CONNECT_NS, "Filter")
                .item(0)).getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"));
        management.deleteRule("bundle-1", "Shipping", "Booth.Contracts.OrderPlaced");
        management.deleteRule("bundle-1", "Shipping", "Booth.Contracts.OrderPlaced");
        assertNull(fake.entity("bundle-1/Subscriptions/Shipping/Rules/Booth.Contracts.OrderPlaced"));
    }

    @Test
    void theRuleRequestHasTheShapeOfTheDocumentedExample() {
        declareEndpoint("Raffle");
        management.ensureRule("bundle-1", "Raffle", "Booth.Contracts.OrderBilled");
        FakeServiceBusManagement.Request put = fake.requests().get(fake.requests().size() - 1);

        Element sent = FakeServiceBusManagement.description(put.body());
        Element documented = FakeServiceBusManagement.description(
                FakeServiceBusManagement.example("create-rule.request.xml", ""));
        assertEquals(childNames(documented), childNames(sent));
        assertTrue(put.headers().get("content-type").startsWith("application/atom+xml"));
        assertTrue(put.path().endsWith("/Rules/Booth.Contracts.OrderBilled"), put.path());
    }

    @Test
    void theQueueLengthIsTheActiveMessageCountOfTheQueueDescription() {
        declareEndpoint("Billing");
        fake.activeMessages("Billing", 7);

        assertEquals(java.util.OptionalLong.of(7), management.queueLength("Billing"));
        assertEquals(java.util.OptionalLong.empty(), management.queueLength("NoSuchQueue"), "unknown, not 0");
    }

    @Test
    void namesLongerThanServiceBusAllowsAreShortenedStably() {
        declareEndpoint("Billing");
        String longType = "Booth.Contracts.Very.Long.Namespace.Of.Events.OrderPlacedWithAllTheDetails";

        management.ensureRule("bundle-1", "Billing", longType);

        String name = TopologyManager.shortName(longType);
        assertEquals(50, name.length());
        assertEquals(name, TopologyManager.shortName(longType));
        assertNotNull(fake.entity("bundle-1/Subscriptions/Billing/Rules/" + name));
    }

    @Test
    void aWrongKeyIsRefusedWithAClearErrorThatDoesNotContainTheKey() {
        String wrongKey = "d3Jvbmcta2V5";
        ServiceBusManagement wrong = new ServiceBusManagement(ConnectionString.parse(
                fake.connectionString().replace(KEY, wrongKey)), fake.uri(), Clock.systemUTC());

        EdgeBusException e = assertThrows(EdgeBusException.class, () -> wrong.ensureQueue("Billing"));

        assertEquals(EdgeBusException.Code.DISPATCH_REJECTED, e.code());
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("Manage rights"), e.getMessage());
        assertFalse(e.getMessage().contains(wrongKey));
        assertNull(fake.entity("Billing"));
    }

    @Test
    void anUnreachableManagementEndpointIsReportedAsUnavailableSoTheEndpointRetries() {
        fake.close();
        EdgeBusException e = assertThrows(EdgeBusException.class, () -> management.ensureQueue("Billing"));
        assertEquals(EdgeBusException.Code.TRANSPORT_UNAVAILABLE, e.code());
    }

    private static String text(Element parent, String child) {
        return parent.getElementsByTagNameNS(FakeServiceBusManagement.CONNECT_NS, child).item(0).getTextContent();
    }

    private static List<String> childNames(Element element) {
        List<String> names = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }

    private String statuses() {
        return fake.requests().stream().map(r -> r.method() + " " + r.path() + " " + r.status()).toList().toString();
    }
}
