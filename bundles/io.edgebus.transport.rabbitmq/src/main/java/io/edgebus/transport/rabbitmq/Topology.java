package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * NServiceBus' conventional routing topology: per endpoint a durable queue and a fanout exchange of
 * the same name bound to it; per event type a fanout exchange bound to its super type's exchange;
 * a subscriber binds the type's exchange to its own exchange. What was declared on the current
 * connection is cached so the send path costs no round trip; {@link #reset()} forgets it.
 */
final class Topology {
    /** Where a send to a queue goes: its exchange, or the default exchange for a bare queue. */
    record SendTarget(String exchange, String routingKey, String address) {
    }

    private final TransportSettings settings;
    private final String endpointQueue;
    private final ChannelSlot declarations;
    private final ChannelSlot probes;
    /** Queue-length checks for monitoring, apart from the send path's probes so neither waits on the other. */
    private final ChannelSlot monitoring;
    private final Set<String> typeChains = ConcurrentHashMap.newKeySet();
    private final Map<String, SendTarget> sendTargets = new ConcurrentHashMap<>();
    private final Set<String> delayBindings = ConcurrentHashMap.newKeySet();
    private volatile boolean delayInfrastructure;

    Topology(TransportSettings settings, String endpointQueue, Supplier<Connection> connection) {
        this.settings = settings;
        this.endpointQueue = endpointQueue;
        this.declarations = new ChannelSlot(connection);
        this.probes = new ChannelSlot(connection);
        this.monitoring = new ChannelSlot(connection);
    }

    /** Forgets what was declared: called for every new or recovered connection. */
    void reset() {
        typeChains.clear();
        sendTargets.clear();
        delayBindings.clear();
        delayInfrastructure = false;
        declarations.reset();
        probes.reset();
        monitoring.reset();
    }

    /**
     * The endpoint's queue (with the configured type; a mismatch with an existing queue is an
     * error) and the extra queues it sends to by convention. An extra queue that already exists is
     * left as it is, whatever its type (ServiceControl may have created it), and only gets its
     * exchange.
     */
    void declareEndpoint(List<String> extraQueues) {
        run("declaring queue " + endpointQueue, ch -> {
            ch.queueDeclare(endpointQueue, true, false, false, queueArguments());
            declareExchangeFor(ch, endpointQueue);
            return null;
        });
        for (String queue : extraQueues) {
            if (queue.equals(endpointQueue)) {
                continue;
            }
            boolean exists = exists(ch -> ch.queueDeclarePassive(queue));
            run("declaring queue " + queue, ch -> {
                if (!exists) {
                    ch.queueDeclare(queue, true, false, false, queueArguments());
                }
                declareExchangeFor(ch, queue);
                return null;
            });
            sendTargets.put(queue, new SendTarget(queue, "", queue));
        }
        ensureDelayInfrastructure();
        bindForDelays(new SendTarget(endpointQueue, "", endpointQueue));
    }

    /** The exchange chain of an event type: each type's exchange bound to its super type's. */
    void ensureTypeChain(List<String> typeHierarchy) {
        String key = String.join("\n", typeHierarchy);
        if (typeChains.contains(key)) {
            return;
        }
        run("declaring exchanges for " + typeHierarchy.get(0), ch -> {
            for (String type : typeHierarchy) {
                ch.exchangeDeclare(type, BuiltinExchangeType.FANOUT, true);
            }
            for (int i = 0; i + 1 < typeHierarchy.size(); i++) {
                ch.exchangeBind(typeHierarchy.get(i + 1), typeHierarchy.get(i), "");
            }
            return null;
        });
        typeChains.add(key);
    }

    void subscribe(List<String> typeHierarchy) {
        ensureTypeChain(typeHierarchy);
        run("subscribing to " + typeHierarchy.get(0),
                ch -> ch.exchangeBind(endpointQueue, typeHierarchy.get(0), ""));
    }

    void unsubscribe(String messageType) {
        // Unbinding from a missing exchange is a channel error; a missing exchange means unsubscribed.
        if (!exists(ch -> ch.exchangeDeclarePassive(messageType))) {
            return;
        }
        try {
            run("unsubscribing from " + messageType, ch -> ch.exchangeUnbind(endpointQueue, messageType, ""));
        } catch (EdgeBusException e) {
            // The endpoint's own exchange is missing: nothing can be bound to it either.
            if (BrokerErrors.channelCloseCode(e) != BrokerErrors.NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * Where a send to {@code queue} goes. Probing first keeps a send to a missing queue from
     * closing a publishing channel (and failing every other message in flight on it).
     */
    SendTarget sendTarget(String queue) {
        SendTarget known = sendTargets.get(queue);
        if (known != null) {
            return known;
        }
        SendTarget target;
        if (exists(ch -> ch.exchangeDeclarePassive(queue))) {
            target = new SendTarget(queue, "", queue);
        } else if (exists(ch -> ch.queueDeclarePassive(queue))) {
            target = new SendTarget("", queue, queue);
        } else {
            throw new EdgeBusException(Code.DISPATCH_REJECTED,
                    "no exchange or queue named '" + queue + "' on " + settings.broker());
        }
        sendTargets.put(queue, target);
        return target;
    }

    /** Ready messages in a queue (passive declare); empty when not connected or the queue is missing. */
    OptionalLong queueLength(String queue) {
        try {
            return OptionalLong.of(monitoring.call(ch -> ch.queueDeclarePassive(queue)).getMessageCount());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    void ensureDelayInfrastructure() {
        if (delayInfrastructure) {
            return;
        }
        run("declaring the delayed delivery infrastructure", ch -> {
            DelayedDelivery.declare(ch);
            return null;
        });
        delayInfrastructure = true;
    }

    /** Binds a destination to the delivery exchange, as NServiceBus does before each delayed send. */
    void bindForDelays(SendTarget target) {
        if (delayBindings.contains(target.address())) {
            return;
        }
        String key = DelayedDelivery.bindingKey(target.address());
        run("binding " + target.address() + " to " + DelayedDelivery.DELIVERY_EXCHANGE, ch -> target.exchange().isEmpty()
                ? ch.queueBind(target.address(), DelayedDelivery.DELIVERY_EXCHANGE, key)
                : ch.exchangeBind(target.address(), DelayedDelivery.DELIVERY_EXCHANGE, key));
        delayBindings.add(target.address());
    }

    void close() {
        declarations.reset();
        probes.reset();
        monitoring.reset();
    }

    private Map<String, Object> queueArguments() {
        return settings.queueType() == TransportSettings.QueueType.QUORUM
                ? Map.of("x-queue-type", "quorum")
                // NServiceBus declares classic queues without arguments; adding one would make
                // our declaration differ from theirs for the same queue.
                : null;
    }

    private static void declareExchangeFor(Channel ch, String queue) throws IOException {
        ch.exchangeDeclare(queue, BuiltinExchangeType.FANOUT, true);
        ch.queueBind(queue, queue, "");
    }

    private <T> T run(String what, ChannelSlot.Call<T> call) {
        try {
            return declarations.call(call);
        } catch (IOException | RuntimeException e) {
            throw BrokerErrors.translate(what, e);
        }
    }

    private boolean exists(ChannelSlot.Call<?> passiveDeclare) {
        try {
            probes.call(passiveDeclare);
            return true;
        } catch (IOException | RuntimeException e) {
            if (BrokerErrors.channelCloseCode(e) == BrokerErrors.NOT_FOUND) {
                return false;
            }
            throw BrokerErrors.translate("checking the broker", e);
        }
    }
}
