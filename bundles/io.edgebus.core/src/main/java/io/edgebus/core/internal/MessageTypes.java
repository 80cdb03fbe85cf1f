package io.edgebus.core.internal;

import io.edgebus.api.Command;
import io.edgebus.api.Event;
import io.edgebus.api.MessageName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Wire names and type hierarchies of message classes. Markers are matched by name, not identity:
 * a message class may see another copy of the API than core does (a test class path, a bridge).
 */
final class MessageTypes {
    private static final String COMMAND = Command.class.getName();
    private static final String EVENT = Event.class.getName();

    private static final ClassValue<Info> INFO = new ClassValue<>() {
        @Override
        protected Info computeValue(Class<?> type) {
            Set<Class<?>> seen = new LinkedHashSet<>();
            collect(type, seen);
            List<String> names = new ArrayList<>(seen.size());
            for (Class<?> c : seen) {
                names.add(wireName(c));
            }
            return new Info(List.copyOf(names), hasMarker(type, COMMAND), hasMarker(type, EVENT));
        }
    };

    private record Info(List<String> hierarchy, boolean command, boolean event) {
    }

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
        return INFO.get(type).hierarchy();
    }

    private static void collect(Class<?> type, Set<Class<?>> seen) {
        if (type == null || type.getName().startsWith("java.") || type.getName().equals(COMMAND)
                || type.getName().equals(EVENT) || !seen.add(type)) {
            return;
        }
        collect(type.getSuperclass(), seen);
        for (Class<?> i : type.getInterfaces()) {
            collect(i, seen);
        }
    }

    private static boolean hasMarker(Class<?> type, String marker) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(marker)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (hasMarker(i, marker)) {
                return true;
            }
        }
        return hasMarker(type.getSuperclass(), marker);
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
        return INFO.get(type).event();
    }

    static boolean isCommand(Class<?> type) {
        return INFO.get(type).command();
    }
}
