package io.edgebus.core.internal;

import io.edgebus.api.Command;
import io.edgebus.api.Event;
import io.edgebus.api.MessageName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Wire names and type hierarchies of message classes. */
final class MessageTypes {
    private MessageTypes() {
    }

    static String wireName(Class<?> type) {
        MessageName name = type.getAnnotation(MessageName.class);
        return name != null ? name.value() : type.getName();
    }

    /**
     * The type first, then its super classes and interfaces that are messages too (not the
     * markers, not JDK types), so an event reaches subscribers of its super types.
     */
    static List<String> hierarchy(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        collect(type, seen);
        List<String> names = new ArrayList<>(seen.size());
        for (Class<?> c : seen) {
            names.add(wireName(c));
        }
        return names;
    }

    private static void collect(Class<?> type, Set<Class<?>> seen) {
        if (type == null || type == Object.class || type == Record.class || type == Command.class
                || type == Event.class || type.getName().startsWith("java.") || !seen.add(type)) {
            return;
        }
        collect(type.getSuperclass(), seen);
        for (Class<?> i : type.getInterfaces()) {
            collect(i, seen);
        }
    }

    /** The enclosed-types header: the hierarchy joined with {@code ;} as NServiceBus does. */
    static String enclosedTypes(Class<?> type) {
        return String.join(";", hierarchy(type));
    }

    /** The names in an enclosed-types header, without .NET assembly qualifiers. */
    static List<String> parseEnclosed(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        for (String part : header.split(";")) {
            int comma = part.indexOf(',');
            String name = (comma >= 0 ? part.substring(0, comma) : part).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    static boolean isEvent(Class<?> type) {
        return Event.class.isAssignableFrom(type);
    }

    static boolean isCommand(Class<?> type) {
        return Command.class.isAssignableFrom(type);
    }
}
