package io.edgebus.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads OSGi service properties that may be a String, an array or a collection. */
final class ServiceProperties {
    private ServiceProperties() {
    }

    static List<String> names(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof String s) {
            names.add(s);
        } else if (value instanceof String[] a) {
            names.addAll(List.of(a));
        } else if (value instanceof Collection<?> c) {
            c.forEach(o -> names.add(String.valueOf(o)));
        }
        return names;
    }
}
