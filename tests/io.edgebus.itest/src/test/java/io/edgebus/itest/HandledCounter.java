package io.edgebus.itest;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;

/**
 * Counts successful handler invocations per endpoint, message type and order id, through the
 * framework's own pipeline: an InvokeBehavior registered as a service. The interface lives in the
 * framework's API bundle, so the behaviour is a proxy of that interface.
 */
final class HandledCounter {
    private static final String FAILED = "//failed attempts";
    private static final String AFTER_DELAYED_RETRY = "//succeeded after a delayed retry";
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> deliveries = new ConcurrentHashMap<>();
    private final java.util.Set<String> ranThenFailed = ConcurrentHashMap.newKeySet();
    /** The conversation id each (endpoint, type, order) was first handled in. */
    private final Map<String, String> conversations = new ConcurrentHashMap<>();

    /**
     * An invoke behaviour notes each successful handler call in the message's attributes; a receive
     * behaviour counts those notes only when the whole message succeeded (its outbox transaction
     * committed). A retried attempt or a duplicate the inbox skipped adds nothing.
     */
    void watch(TestFramework fw, String endpoint) throws Exception {
        BundleContext ctx = fw.context();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("edgebus.endpoint", endpoint);
        Class<?> invoke = fw.apiClass("io.edgebus.api.pipeline.InvokeBehavior");
        ctx.registerService(invoke.getName(), proxy(invoke, (context, next) -> {
            proceed(next);
            Object message = call(context, "message");
            Object receive = call(context, "receive");
            String key = endpoint + "/" + message.getClass().getSimpleName() + "/" + call(message, "orderId");
            notes(receive).add(key);
            Object incoming = call(receive, "message");
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) call(incoming, "headers");
            String conversation = headers.get("NServiceBus.ConversationId");
            if (conversation != null) {
                conversations.putIfAbsent(key, conversation);
            }
        }), props);
        Class<?> receive = fw.apiClass("io.edgebus.api.pipeline.ReceiveBehavior");
        ctx.registerService(receive.getName(), proxy(receive, (context, next) -> {
            try {
                proceed(next);
            } catch (Exception e) {
                counts.computeIfAbsent(endpoint + FAILED, k -> new AtomicInteger()).incrementAndGet();
                ranThenFailed.addAll(notes(context));
                throw e;
            }
            if (headers(context).containsKey("NServiceBus.Retries")) {
                counts.computeIfAbsent(endpoint + AFTER_DELAYED_RETRY, k -> new AtomicInteger()).incrementAndGet();
            }
            Map<String, String> h = headers(context);
            String delivery = call(context, "messageId") + " retries=" + h.getOrDefault("NServiceBus.Retries", "0")
                    + " from " + h.get("NServiceBus.OriginatingEndpoint");
            for (String key : notes(context)) {
                counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                deliveries.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(delivery);
            }
        }), props);
    }

    /** One behaviour step: {@code context} and {@code next} are the framework's objects. */
    interface Step {
        void run(Object context, Object next) throws Exception;
    }

    /** A behaviour service object of the framework's {@code type} (Invoke/Receive/DispatchBehavior). */
    static Object proxy(Class<?> type, Step step) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "invoke" -> {
                    step.run(args[0], args[1]);
                    return null;
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                case "equals" -> {
                    return self == args[0];
                }
                default -> {
                    return "HandledCounter";
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> notes(Object receiveContext) throws Exception {
        Map<String, Object> attributes = (Map<String, Object>) call(receiveContext, "attributes");
        return (List<String>) attributes.computeIfAbsent("itest.handled", k -> new CopyOnWriteArrayList<String>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(Object receiveContext) throws Exception {
        return (Map<String, String>) call(call(receiveContext, "message"), "headers");
    }

    static void proceed(Object next) throws Exception {
        call(next, "proceed");
    }

    static Object call(Object target, String name) throws Exception {
        Method m = target.getClass().getMethod(name);
        m.setAccessible(true);
        try {
            return m.invoke(target);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Attempts that failed in the endpoint's receive pipeline (a retried message counts each attempt). */
    int failedAttempts(String endpoint) {
        AtomicInteger c = counts.get(endpoint + FAILED);
        return c == null ? 0 : c.get();
    }

    /**
     * Whether an attempt ran the handler of {@code type} for the order and then failed (its commit,
     * dispatch or marking went wrong); with the outbox its retry runs no handler when the commit did
     * reach the database.
     */
    boolean ranThenFailed(String endpoint, String type, String orderId) {
        return ranThenFailed.contains(endpoint + "/" + type + "/" + orderId);
    }

    /** Messages that succeeded on a delivery after a delayed retry. */
    int succeededAfterDelayedRetry(String endpoint) {
        AtomicInteger c = counts.get(endpoint + AFTER_DELAYED_RETRY);
        return c == null ? 0 : c.get();
    }

    int count(String endpoint, String type, String orderId) {
        AtomicInteger c = counts.get(endpoint + "/" + type + "/" + orderId);
        return c == null ? 0 : c.get();
    }

    /** For a failure message: up to {@code max} orders handled more than once, with their deliveries. */
    String handledTwice(String endpoint, String type, int max) {
        String prefix = endpoint + "/" + type + "/";
        StringBuilder s = new StringBuilder();
        deliveries.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue().size() > 1)
                .limit(max).forEach(e -> s.append('\n').append(e.getKey()).append(": ").append(e.getValue()));
        return s.toString();
    }

    /** The conversation id the endpoint handled this type for this order in, or null. */
    String conversation(String endpoint, String type, String orderId) {
        return conversations.get(endpoint + "/" + type + "/" + orderId);
    }

    /** How many distinct orders an endpoint handled a type for, and how many times in all. */
    int[] distinctAndTotal(String endpoint, String type) {
        String prefix = endpoint + "/" + type + "/";
        int distinct = 0;
        int total = 0;
        for (Map.Entry<String, AtomicInteger> e : counts.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                distinct++;
                total += e.getValue().get();
            }
        }
        return new int[] {distinct, total};
    }
}
