package io.edgebus.core.internal;

import io.edgebus.api.pipeline.Behavior;
import io.edgebus.api.pipeline.Chain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An ordered list of behaviours of one stage; higher ranking runs further out. */
final class Pipeline<C> {
    private record Ranked<C>(Behavior<C> behavior, int ranking, long serviceId) {
    }

    private static final Comparator<Ranked<?>> ORDER = Comparator
            .comparingInt((Ranked<?> r) -> r.ranking).reversed()
            .thenComparingLong(r -> r.serviceId);

    private volatile List<Ranked<C>> behaviors = List.of();

    synchronized void add(Behavior<C> behavior, int ranking, long serviceId) {
        List<Ranked<C>> next = new ArrayList<>(behaviors);
        next.add(new Ranked<>(behavior, ranking, serviceId));
        next.sort(ORDER);
        behaviors = List.copyOf(next);
    }

    synchronized void remove(Behavior<C> behavior) {
        List<Ranked<C>> next = new ArrayList<>(behaviors);
        next.removeIf(r -> r.behavior == behavior);
        behaviors = List.copyOf(next);
    }

    boolean isEmpty() {
        return behaviors.isEmpty();
    }

    void run(C context, Chain terminal) throws Exception {
        List<Ranked<C>> current = behaviors;
        if (current.isEmpty()) {
            terminal.proceed();
        } else {
            step(current, 0, context, terminal);
        }
    }

    private void step(List<Ranked<C>> list, int index, C context, Chain terminal) throws Exception {
        if (index == list.size()) {
            terminal.proceed();
            return;
        }
        list.get(index).behavior.invoke(context, () -> step(list, index + 1, context, terminal));
    }
}
