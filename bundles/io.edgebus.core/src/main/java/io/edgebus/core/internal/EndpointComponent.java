package io.edgebus.core.internal;

import io.edgebus.api.Bus;
import io.edgebus.api.EndpointState;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import io.edgebus.api.monitoring.EndpointMetrics;
import io.edgebus.api.monitoring.MetricsSnapshot;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.saga.Saga;
import io.edgebus.api.pipeline.DispatchBehavior;
import io.edgebus.api.pipeline.InvokeBehavior;
import io.edgebus.api.pipeline.ReceiveBehavior;
import io.edgebus.api.pipeline.RecoverabilityPolicy;
import io.edgebus.api.transport.Transport;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint per factory configuration of {@code io.edgebus.endpoint}. Handlers and behaviours
 * are whiteboard services; those whose {@code edgebus.endpoint} property names another endpoint are
 * ignored. Registers the endpoint's {@link Bus} and {@link EndpointMetrics} with
 * {@code edgebus.endpoint=<name>} (and the configuration's other properties, e.g. {@code instance}).
 */
@Component(configurationPid = "io.edgebus.endpoint", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Bus.class, EndpointMetrics.class}, immediate = true)
@Designate(ocd = EndpointConfig.class, factory = true)
public class EndpointComponent implements Bus, EndpointMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointComponent.class);

    private final Transport transport;
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final Pipelines pipelines = new Pipelines();
    private final String name;
    private volatile Endpoint endpoint;
    private volatile Persistence persistence;
    private final Map<Saga<?>, List<SagaMessageHandler>> sagas = new IdentityHashMap<>();

    @Activate
    public EndpointComponent(EndpointConfig config, @Reference(name = "transport") Transport transport) {
        this.transport = transport;
        this.name = EndpointSettings.from(config).name();
    }

    @Activate
    void activate(EndpointConfig config) {
        endpoint = new Endpoint(EndpointSettings.from(config), PlatformSettings.from(config), transport, handlers,
                pipelines, () -> persistence);
        endpoint.start();
    }

    @Modified
    void modified(EndpointConfig config) {
        EndpointSettings next = EndpointSettings.from(config);
        PlatformSettings nextPlatform = PlatformSettings.from(config);
        Endpoint current = endpoint;
        if (current.settings().sameIdentity(next) && current.platform().equals(nextPlatform)) {
            current.update(next);
            return;
        }
        LOG.info("endpoint {} renamed, moved to another queue or reports elsewhere: restarting it",
                current.settings().name());
        current.stop();
        endpoint = new Endpoint(next, nextPlatform, transport, handlers, pipelines, () -> persistence);
        endpoint.start();
    }

    @Deactivate
    void deactivate() {
        Endpoint current = endpoint;
        if (current != null) {
            current.stop();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(MessageHandler<?> handler, Map<String, Object> properties) {
        if (!forThisEndpoint(properties)) {
            return;
        }
        HandlerRegistry.Added added;
        try {
            added = handlers.add(handler);
        } catch (IllegalArgumentException e) {
            LOG.error("endpoint {}: ignoring handler: {}", name, e.getMessage());
            return;
        }
        Endpoint current = endpoint;
        if (current != null) {
            current.handlerAdded(added);
        }
    }

    /** A configuration may move a handler to or away from this endpoint by changing its properties. */
    void updatedHandler(MessageHandler<?> handler, Map<String, Object> properties) {
        boolean mine = forThisEndpoint(properties);
        if (mine && !handlers.contains(handler)) {
            bindHandler(handler, properties);
        } else if (!mine && handlers.contains(handler)) {
            unbindHandler(handler);
        }
    }

    void unbindHandler(MessageHandler<?> handler) {
        HandlerRegistry.Removed removed = handlers.remove(handler);
        Endpoint current = endpoint;
        if (removed != null && current != null) {
            current.handlerRemoved(removed);
        }
    }

    @Reference(name = "persistence", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindPersistence(Persistence p) {
        persistence = p;
        Endpoint current = endpoint;
        if (current != null) {
            current.persistenceChanged();
        }
    }

    void unbindPersistence(Persistence p) {
        if (persistence == p) {
            persistence = null;
            Endpoint current = endpoint;
            if (current != null) {
                current.persistenceChanged();
            }
        }
    }

    /** Each route of a saga becomes a handler of the endpoint, so it subscribes and drains like one. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSaga(Saga<?> saga, Map<String, Object> properties) {
        if (!forThisEndpoint(properties)) {
            return;
        }
        List<SagaMessageHandler> routeHandlers = new ArrayList<>();
        try {
            for (SagaRoutes.Route route : SagaRoutes.of(saga)) {
                routeHandlers.add(new SagaMessageHandler(saga.getClass().getName(), saga.dataType(), route,
                        () -> persistence, () -> endpoint.serializer(), () -> endpoint.platform().sagaAuditQueue()));
            }
        } catch (RuntimeException e) {
            LOG.error("endpoint {}: ignoring saga {}: {}", name, saga.getClass().getName(), e.getMessage());
            return;
        }
        synchronized (sagas) {
            sagas.put(saga, routeHandlers);
        }
        routeHandlers.forEach(h -> bindHandler(h, Map.of(Bus.ENDPOINT_PROPERTY, name)));
    }

    void updatedSaga(Saga<?> saga, Map<String, Object> properties) {
        boolean bound;
        synchronized (sagas) {
            bound = sagas.containsKey(saga);
        }
        boolean mine = forThisEndpoint(properties);
        if (mine && !bound) {
            bindSaga(saga, properties);
        } else if (!mine && bound) {
            unbindSaga(saga);
        }
    }

    void unbindSaga(Saga<?> saga) {
        List<SagaMessageHandler> routeHandlers;
        synchronized (sagas) {
            routeHandlers = sagas.remove(saga);
        }
        if (routeHandlers != null) {
            routeHandlers.forEach(this::unbindHandler);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReceiveBehavior(ReceiveBehavior behavior, Map<String, Object> properties) {
        if (forThisEndpointOrAll(properties)) {
            pipelines.receive.add(behavior, ranking(properties), serviceId(properties));
        }
    }

    void updatedReceiveBehavior(ReceiveBehavior behavior, Map<String, Object> properties) {
        pipelines.receive.remove(behavior);
        bindReceiveBehavior(behavior, properties);
    }

    void unbindReceiveBehavior(ReceiveBehavior behavior) {
        pipelines.receive.remove(behavior);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindInvokeBehavior(InvokeBehavior behavior, Map<String, Object> properties) {
        if (forThisEndpointOrAll(properties)) {
            pipelines.invoke.add(behavior, ranking(properties), serviceId(properties));
        }
    }

    void updatedInvokeBehavior(InvokeBehavior behavior, Map<String, Object> properties) {
        pipelines.invoke.remove(behavior);
        bindInvokeBehavior(behavior, properties);
    }

    void unbindInvokeBehavior(InvokeBehavior behavior) {
        pipelines.invoke.remove(behavior);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDispatchBehavior(DispatchBehavior behavior, Map<String, Object> properties) {
        if (forThisEndpointOrAll(properties)) {
            pipelines.dispatch.add(behavior, ranking(properties), serviceId(properties));
        }
    }

    void updatedDispatchBehavior(DispatchBehavior behavior, Map<String, Object> properties) {
        pipelines.dispatch.remove(behavior);
        bindDispatchBehavior(behavior, properties);
    }

    void unbindDispatchBehavior(DispatchBehavior behavior) {
        pipelines.dispatch.remove(behavior);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecoverabilityPolicy(RecoverabilityPolicy policy, Map<String, Object> properties) {
        if (forThisEndpointOrAll(properties)) {
            pipelines.recoverability.add(policy);
        }
    }

    void updatedRecoverabilityPolicy(RecoverabilityPolicy policy, Map<String, Object> properties) {
        pipelines.recoverability.remove(policy);
        bindRecoverabilityPolicy(policy, properties);
    }

    void unbindRecoverabilityPolicy(RecoverabilityPolicy policy) {
        pipelines.recoverability.remove(policy);
    }

    @Override
    public void send(Object message, SendOptions options) {
        endpoint.send(message, options);
    }

    @Override
    public void publish(Object event, PublishOptions options) {
        endpoint.publish(event, options);
    }

    @Override
    public MetricsSnapshot snapshot() {
        return endpoint.snapshot();
    }

    @Override
    public String endpointName() {
        return endpoint.endpointName();
    }

    @Override
    public EndpointState state() {
        return endpoint.state();
    }

    @Override
    public boolean rateLimited() {
        return endpoint.rateLimited();
    }

    @Override
    public int consecutiveFailures() {
        return endpoint.consecutiveFailures();
    }

    private boolean forThisEndpoint(Map<String, Object> properties) {
        return ServiceProperties.names(properties.get(Bus.ENDPOINT_PROPERTY)).contains(name);
    }

    private boolean forThisEndpointOrAll(Map<String, Object> properties) {
        Object value = properties.get(Bus.ENDPOINT_PROPERTY);
        return value == null || ServiceProperties.names(value).contains(name);
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get("service.ranking") instanceof Integer i ? i : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get("service.id") instanceof Long l ? l : 0L;
    }
}
