package io.edgebus.core.internal;

import io.edgebus.api.saga.Saga;
import io.edgebus.api.saga.SagaHandler;
import io.edgebus.api.saga.SagaMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What a saga's {@code configure} declared: one route per message type. */
final class SagaRoutes {
    record Route(Class<?> type, Function<Object, String> correlation, SagaHandler<Object, Object> handler,
                 boolean starts) {
    }

    private SagaRoutes() {
    }

    static <D> List<Route> of(Saga<D> saga) {
        List<Route> routes = new ArrayList<>();
        saga.configure(new SagaMapping<D>() {
            @Override
            public <M> SagaMapping<D> startedBy(Class<M> type, Function<M, String> correlation,
                                                SagaHandler<M, D> handler) {
                return add(type, correlation, handler, true);
            }

            @Override
            public <M> SagaMapping<D> handles(Class<M> type, Function<M, String> correlation,
                                              SagaHandler<M, D> handler) {
                return add(type, correlation, handler, false);
            }

            @SuppressWarnings("unchecked")
            private <M> SagaMapping<D> add(Class<M> type, Function<M, String> correlation, SagaHandler<M, D> handler,
                                           boolean starts) {
                if (routes.stream().anyMatch(r -> r.type() == type)) {
                    throw new IllegalArgumentException(saga.getClass().getName() + " maps " + type.getName() + " twice");
                }
                routes.add(new Route(type, (Function<Object, String>) correlation,
                        (SagaHandler<Object, Object>) handler, starts));
                return this;
            }
        });
        if (routes.stream().noneMatch(Route::starts)) {
            throw new IllegalArgumentException(saga.getClass().getName() + " has no startedBy message");
        }
        return routes;
    }
}
