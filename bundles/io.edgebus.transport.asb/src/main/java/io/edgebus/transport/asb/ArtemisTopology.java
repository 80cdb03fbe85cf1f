package io.edgebus.transport.asb;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import jakarta.jms.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Service Bus topology on Apache ActiveMQ Artemis: queues are durable anycast queues, the topic
 * a multicast address, and a subscription with its rules one divert from the topic into the
 * endpoint's queue whose filter ORs the rules (so an event that two rules select arrives once, as
 * on Service Bus; a divert per rule would forward it twice). Changing the rules replaces the
 * divert, the new one first, so an event in between may arrive twice but is never lost. Instances
 * of one endpoint share the subscription: the change is read-modify-write, done under a broker-wide
 * {@link BrokerLock}. The rules live in the broker (in the divert's filter), as they live in Service
 * Bus, so a restarted endpoint keeps the ones it had.
 */
final class ArtemisTopology implements TopologyManager {
    private static final Logger LOG = LoggerFactory.getLogger(ArtemisTopology.class);
    private static final Pattern RULE = Pattern.compile("LIKE '%;((?:[^']|'')*);%'");
    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String ADDRESS_EXISTS = "AMQ229204";
    private static final Pattern COUNT = Pattern.compile("\\d+");

    private final Supplier<Connection> connection;
    private final Map<String, String> forwards = new HashMap<>(); // guarded by this

    ArtemisTopology(Supplier<Connection> connection) {
        this.connection = connection;
    }

    @Override
    public void ensureQueue(String queue) {
        String config = "{\"name\":" + ArtemisManagement.quote(queue) + ",\"address\":" + ArtemisManagement.quote(queue)
                + ",\"routing-type\":\"ANYCAST\",\"durable\":true}";
        ArtemisManagement.require(connection(), null, "broker", "createQueue", config, true);
        // As NServiceBus sets MaxDeliveryCount out of the way on Service Bus: the transport's own limit
        // moves a message to the error queue with the reason; the broker must not drop or divert it first.
        ArtemisManagement.require(connection(), null, "broker", "addAddressSettings", queue,
                "{\"maxDeliveryAttempts\":-1}");
    }

    @Override
    public void ensureTopic(String topic) {
        ArtemisManagement.require(connection(), ADDRESS_EXISTS, "broker", "createAddress", topic, "MULTICAST");
    }

    @Override
    public synchronized void ensureSubscription(String topic, String subscription, String forwardTo) {
        // A subscription without rules selects nothing: its divert appears with the first rule.
        forwards.put(prefix(topic, subscription), forwardTo);
    }

    @Override
    public synchronized void ensureRule(String topic, String subscription, String messageType) {
        BrokerLock.run(connection(), () -> {
            Set<String> rules = rules(topic, subscription);
            if (rules.add(messageType) || diverts(topic, subscription).size() > 1) {
                replace(topic, subscription, rules);
            }
        });
    }

    @Override
    public synchronized void deleteRule(String topic, String subscription, String messageType) {
        BrokerLock.run(connection(), () -> {
            Set<String> rules = rules(topic, subscription);
            if (rules.remove(messageType)) {
                replace(topic, subscription, rules);
            }
        });
    }

    @Override
    public java.util.OptionalLong queueLength(String queue) {
        ArtemisManagement.Reply reply = ArtemisManagement.invoke(connection(), "queue." + queue, "getMessageCount");
        Matcher count = COUNT.matcher(reply.body());
        return reply.succeeded() && count.find() ? java.util.OptionalLong.of(Long.parseLong(count.group()))
                : java.util.OptionalLong.empty();
    }

    /** The types the subscription's diverts select (all of them, should there be more than one). */
    private Set<String> rules(String topic, String subscription) {
        Set<String> rules = new LinkedHashSet<>();
        for (String divert : diverts(topic, subscription)) {
            String reply = ArtemisManagement.require(connection(), null, "divert." + divert, "getFilter");
            Matcher m = RULE.matcher(reply.replace("\\\"", "\""));
            while (m.find()) {
                rules.add(m.group(1).replace("''", "'"));
            }
        }
        return rules;
    }

    private void replace(String topic, String subscription, Set<String> rules) {
        String name = null;
        if (!rules.isEmpty()) {
            name = prefix(topic, subscription) + (System.currentTimeMillis() * 1_000
                    + ThreadLocalRandom.current().nextInt(1_000));
            List<String> terms = new ArrayList<>();
            for (String type : rules) {
                terms.add(TYPES_PROPERTY + " LIKE '%;" + TopologyManager.literal(type) + ";%'");
            }
            ArtemisManagement.require(connection(), null, "broker", "createDivert", name, name, topic,
                    forwards.getOrDefault(prefix(topic, subscription), subscription), false, String.join(" OR ", terms),
                    null, "ANYCAST");
            LOG.info("subscription {}/{} now selects {}", topic, subscription, rules);
        }
        for (String divert : diverts(topic, subscription)) {
            if (!divert.equals(name)) {
                ArtemisManagement.require(connection(), null, "broker", "destroyDivert", divert);
            }
        }
    }

    private List<String> diverts(String topic, String subscription) {
        String reply = ArtemisManagement.require(connection(), null, "broker", "getDivertNames");
        List<String> names = new ArrayList<>();
        Matcher m = JSON_STRING.matcher(reply);
        String prefix = prefix(topic, subscription);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith(prefix) && name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String prefix(String topic, String subscription) {
        return topic + "." + subscription + ".";
    }

    private Connection connection() {
        Connection c = connection.get();
        if (c == null) {
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "not connected to the broker");
        }
        return c;
    }
}
