package io.edgebus.core.internal;

import io.edgebus.api.MessageHandler;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handlers an endpoint has now, by message type. Remembers types whose last handler left
 * recently, so a message arriving during a bundle update waits instead of failing.
 */
final class HandlerRegistry {
    private final Map<MessageHandler<?>, HandlerEntry> entries = new IdentityHashMap<>();
    private final Map<String, Instant> departed = new ConcurrentHashMap<>();
    private volatile List<HandlerEntry> snapshot = List.of();
    /** Names resolved against the current handlers; replaced whenever the handlers change. */
    private volatile Map<String, Optional<Class<?>>> resolved = new ConcurrentHashMap<>();

    /** Adds a handler; returns its entry and whether its type was not handled before. */
    synchronized Added add(MessageHandler<?> handler) {
        Class<?> type = handledType(handler);
        HandlerEntry entry = new HandlerEntry(handler, type, MessageTypes.wireName(type));
        boolean newType = snapshot.stream().noneMatch(e -> e.wireName().equals(entry.wireName()));
        entries.put(handler, entry);
        departed.remove(entry.wireName());
        snapshot = List.copyOf(entries.values());
        resolved = new ConcurrentHashMap<>();
        return new Added(entry, newType);
    }

    /** Removes a handler; returns its entry (or null) and whether its type is no longer handled. */
    synchronized Removed remove(MessageHandler<?> handler) {
        HandlerEntry entry = entries.remove(handler);
        if (entry == null) {
            return null;
        }
        entry.retire();
        List<HandlerEntry> next = List.copyOf(entries.values());
        boolean typeGone = next.stream().noneMatch(e -> e.wireName().equals(entry.wireName()));
        if (typeGone) {
            // Before the new snapshot is visible: a reader that misses the handler must find it departed.
            departed.put(entry.wireName(), Instant.now());
        }
        snapshot = next;
        resolved = new ConcurrentHashMap<>();
        return new Removed(entry, typeGone);
    }

    synchronized boolean contains(MessageHandler<?> handler) {
        return entries.containsKey(handler);
    }

    boolean isEmpty() {
        return snapshot.isEmpty();
    }

    List<HandlerEntry> all() {
        return snapshot;
    }

    /**
     * The class to deserialize into: for the first enclosed type that can be resolved, a handled type
     * of that name, or a concrete class of that Java name visible to a handler of one of its super
     * types (a handler of an interface receives the concrete event). Returns null when no name fits.
     */
    Class<?> resolve(List<String> enclosedTypes) {
        Map<String, Optional<Class<?>>> cache = resolved;
        Class<?> abstractMatch = null;
        for (String name : enclosedTypes) {
            Class<?> c = cache.computeIfAbsent(name, this::lookup).orElse(null);
            if (c != null && isConcrete(c)) {
                return c;
            }
            if (c != null && abstractMatch == null) {
                abstractMatch = c;
            }
        }
        return abstractMatch;
    }

    private Optional<Class<?>> lookup(String name) {
        List<HandlerEntry> current = snapshot;
        for (HandlerEntry e : current) {
            if (e.wireName().equals(name) && isConcrete(e.type())) {
                return Optional.of(e.type());
            }
        }
        for (HandlerEntry e : current) {
            Class<?> loaded = load(name, e.type().getClassLoader());
            if (loaded != null && e.type().isAssignableFrom(loaded)) {
                return Optional.of(loaded);
            }
        }
        for (HandlerEntry e : current) {
            if (e.wireName().equals(name)) {
                return Optional.of(e.type());
            }
        }
        return Optional.empty();
    }

    private static Class<?> load(String name, ClassLoader loader) {
        if (loader == null || !name.matches("[\\w.$]+")) {
            return null;
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean isConcrete(Class<?> c) {
        return !c.isInterface() && !Modifier.isAbstract(c.getModifiers());
    }

    /** Every handler whose type the message is an instance of. */
    List<HandlerEntry> handlersFor(Class<?> messageClass) {
        List<HandlerEntry> result = new ArrayList<>();
        for (HandlerEntry e : snapshot) {
            if (e.type().isAssignableFrom(messageClass)) {
                result.add(e);
            }
        }
        return result;
    }

    boolean departedWithin(List<String> names, Duration grace) {
        Instant limit = Instant.now().minus(grace);
        for (String name : names) {
            Instant when = departed.get(name);
            if (when != null && when.isAfter(limit)) {
                return true;
            }
        }
        return false;
    }

    static Class<?> handledType(MessageHandler<?> handler) {
        Class<?> declared = handler.messageType();
        if (declared != null) {
            return declared;
        }
        for (Class<?> c = handler.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == MessageHandler.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> arg) {
                    return arg;
                }
            }
        }
        throw new IllegalArgumentException(handler.getClass().getName()
                + " does not name its message type: implement MessageHandler<ConcreteType> or override messageType()");
    }

    record Added(HandlerEntry entry, boolean newType) {
    }

    record Removed(HandlerEntry entry, boolean typeGone) {
    }
}
