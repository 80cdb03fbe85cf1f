package io.edgebus.core.internal;

import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.api.transport.Transport;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/** A broker in memory, for unit tests of core: queues, type subscriptions, redelivery on hand-back. */
final class InMemoryTransport implements Transport {
    final Map<String, LinkedBlockingDeque<IncomingMessage>> queues = new ConcurrentHashMap<>();
    final Map<String, Set<String>> subscribers = new ConcurrentHashMap<>();
    /** When set, endpoints' dispatchAsync goes here instead of the synchronous default. */
    volatile Function<List<OutgoingMessage>, CompletionStage<Void>> asyncDispatch;

    LinkedBlockingDeque<IncomingMessage> queue(String name) {
        return queues.computeIfAbsent(name, n -> new LinkedBlockingDeque<>());
    }

    @Override
    public TransportEndpoint open(EndpointAddress address) {
        return new Endpoint(address);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, Long.MAX_VALUE);
    }

    void deliver(OutgoingMessage m) {
        if (m.destination() instanceof Destination.Queue q) {
            queue(q.name()).add(new IncomingMessage(m.messageId(), m.headers(), m.body(), false));
        } else if (m.destination() instanceof Destination.Topic t) {
            Set<String> targets = new LinkedHashSet<>();
            for (String type : t.typeHierarchy()) {
                targets.addAll(subscribers.getOrDefault(type, Set.of()));
            }
            targets.forEach(qn -> queue(qn).add(new IncomingMessage(m.messageId(), m.headers(), m.body(), false)));
        }
    }

    final class Endpoint implements TransportEndpoint {
        private final EndpointAddress address;
        private final List<Thread> workers = new ArrayList<>();
        private volatile boolean receiving;

        Endpoint(EndpointAddress address) {
            this.address = address;
        }

        @Override
        public void declareTopology(List<String> extraQueues) {
            queue(address.queue());
            extraQueues.forEach(InMemoryTransport.this::queue);
        }

        @Override
        public synchronized void startReceiving(int concurrency, MessageProcessor processor) {
            receiving = true;
            for (int i = 0; i < concurrency; i++) {
                Thread t = new Thread(() -> loop(processor), "inmem-" + address.queue() + "-" + i);
                t.start();
                workers.add(t);
            }
        }

        private void loop(MessageProcessor processor) {
            LinkedBlockingDeque<IncomingMessage> q = queue(address.queue());
            while (receiving) {
                try {
                    IncomingMessage m = q.poll(20, TimeUnit.MILLISECONDS);
                    if (m == null) {
                        continue;
                    }
                    ProcessResult r;
                    try {
                        r = processor.process(m);
                    } catch (RuntimeException e) {
                        r = ProcessResult.HAND_BACK;
                    }
                    if (r == ProcessResult.HAND_BACK) {
                        q.addFirst(new IncomingMessage(m.nativeId(), m.headers(), m.body(), true));
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public synchronized int stopReceiving(Duration drainTimeout) {
            receiving = false;
            for (Thread t : workers) {
                try {
                    t.join(drainTimeout.toMillis() + 100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            workers.clear();
            return 0;
        }

        @Override
        public void dispatch(List<OutgoingMessage> messages) {
            messages.forEach(InMemoryTransport.this::deliver);
        }

        @Override
        public CompletionStage<Void> dispatchAsync(List<OutgoingMessage> messages) {
            Function<List<OutgoingMessage>, CompletionStage<Void>> hook = asyncDispatch;
            return hook == null ? TransportEndpoint.super.dispatchAsync(messages) : hook.apply(messages);
        }

        @Override
        public void subscribe(List<String> typeHierarchy) {
            subscribers.computeIfAbsent(typeHierarchy.get(0), k -> ConcurrentHashMap.newKeySet()).add(address.queue());
        }

        @Override
        public void unsubscribe(String messageType) {
            subscribers.getOrDefault(messageType, Set.of()).remove(address.queue());
        }

        @Override
        public TransportState state() {
            return TransportState.CONNECTED;
        }

        @Override
        public void onStateChange(Consumer<TransportState> listener) {
        }

        @Override
        public void close(Duration drainTimeout) {
            stopReceiving(drainTimeout);
        }
    }
}
