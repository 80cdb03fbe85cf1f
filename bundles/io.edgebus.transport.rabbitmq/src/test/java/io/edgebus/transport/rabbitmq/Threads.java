package io.edgebus.transport.rabbitmq;

import java.util.List;
import java.util.Set;

/** Live threads, for leak checks. */
final class Threads {
    private Threads() {
    }

    static List<String> alive(String namePrefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(namePrefix))
                .sorted()
                .toList();
    }

    static Set<Thread> all() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Threads started since {@code before} that belong to EdgeBus or the amqp-client. */
    static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> name.startsWith("edgebus-") || name.startsWith("AMQP Connection")
                        || name.startsWith("RabbitMQ"))
                .sorted()
                .toList();
    }
}
