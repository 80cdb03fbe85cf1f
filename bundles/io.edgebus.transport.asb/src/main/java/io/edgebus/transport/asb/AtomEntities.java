package io.edgebus.transport.asb;

/**
 * The AtomPub entries the Service Bus management API takes for creating entities. Element order
 * matters to Service Bus (it follows the .NET description classes), so each lists only the
 * properties we set, in that order.
 */
final class AtomEntities {
    static final String CONNECT_NS = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect";
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    private AtomEntities() {
    }

    /** The transport limits deliveries itself, so Service Bus must not dead-letter first (as NServiceBus does). */
    static String queue() {
        return entry("<QueueDescription xmlns=\"" + CONNECT_NS + "\" xmlns:i=\"" + XSI_NS + "\">"
                + "<LockDuration>PT5M</LockDuration>"
                + "<MaxDeliveryCount>2147483647</MaxDeliveryCount>"
                + "<EnableBatchedOperations>true</EnableBatchedOperations>"
                + "</QueueDescription>");
    }

    static String topic() {
        return entry("<TopicDescription xmlns=\"" + CONNECT_NS + "\" xmlns:i=\"" + XSI_NS + "\">"
                + "<EnableBatchedOperations>true</EnableBatchedOperations>"
                + "</TopicDescription>");
    }

    /** Forwards whatever its rules select into {@code forwardToUrl} (the endpoint's queue). */
    static String subscription(String forwardToUrl) {
        return entry("<SubscriptionDescription xmlns=\"" + CONNECT_NS + "\" xmlns:i=\"" + XSI_NS + "\">"
                + "<LockDuration>PT5M</LockDuration>"
                + "<MaxDeliveryCount>2147483647</MaxDeliveryCount>"
                + "<EnableBatchedOperations>true</EnableBatchedOperations>"
                + "<ForwardTo>" + xml(forwardToUrl) + "</ForwardTo>"
                + "</SubscriptionDescription>");
    }

    static String rule(String name, String sqlExpression) {
        return entry("<RuleDescription xmlns=\"" + CONNECT_NS + "\" xmlns:i=\"" + XSI_NS + "\">"
                + "<Filter i:type=\"SqlFilter\"><SqlExpression>" + xml(sqlExpression) + "</SqlExpression></Filter>"
                + "<Action i:type=\"EmptyRuleAction\"/>"
                + "<Name>" + xml(name) + "</Name>"
                + "</RuleDescription>");
    }

    /**
     * The rule NServiceBus' Azure Service Bus transport creates for a subscribed type, so events
     * published by .NET endpoints (which lack our own types property) reach Java subscribers too.
     */
    static String ruleFilter(String messageType) {
        return "[NServiceBus.EnclosedMessageTypes] LIKE '%" + TopologyManager.literal(messageType) + "%'";
    }

    private static String entry(String description) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<entry xmlns=\"http://www.w3.org/2005/Atom\"><content type=\"application/xml\">"
                + description + "</content></entry>";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
