package io.edgebus.transport.asb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Creates the Service Bus entities an endpoint needs: its queue, the events topic, a subscription
 * per endpoint that forwards into the endpoint's queue, and a rule per subscribed event type. All
 * operations are idempotent. Two implementations: the Service Bus management API and a local
 * Artemis broker.
 */
interface TopologyManager {
    /** Service Bus limits rule and subscription names to 50 characters. */
    int MAX_NAME = 50;
    /** The property every published event carries for rules to select on: ";A;B;" for types A, B. */
    String TYPES_PROPERTY = "edgebus_types";

    void ensureQueue(String queue);

    void ensureTopic(String topic);

    void ensureSubscription(String topic, String subscription, String forwardTo);

    void ensureRule(String topic, String subscription, String messageType);

    void deleteRule(String topic, String subscription, String messageType);

    /** Messages in the queue (waiting or being delivered), or empty when the broker cannot tell. */
    java.util.OptionalLong queueLength(String queue);

    /** A name Service Bus accepts: as is when short enough, else a prefix and a hash. */
    static String shortName(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return name.substring(0, MAX_NAME - 11) + "-" + HexFormat.of().formatHex(hash, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Quotes a value for an SQL-92 filter literal. */
    static String literal(String value) {
        return value.replace("'", "''");
    }
}
