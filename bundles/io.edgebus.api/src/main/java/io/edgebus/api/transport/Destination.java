package io.edgebus.api.transport;

import java.util.List;

/** Where an {@link OutgoingMessage} goes. */
public sealed interface Destination {

    /** To one queue (a command, a reply, a forward to the error queue). */
    record Queue(String name) implements Destination {
    }

    /** To every subscriber of the type or one of its super types; the first name is the type's. */
    record Topic(List<String> typeHierarchy) implements Destination {
        public Topic {
            typeHierarchy = List.copyOf(typeHierarchy);
            if (typeHierarchy.isEmpty()) {
                throw new IllegalArgumentException("typeHierarchy must name the event type");
            }
        }
    }
}
