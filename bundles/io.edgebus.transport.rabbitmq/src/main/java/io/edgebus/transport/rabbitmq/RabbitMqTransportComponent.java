package io.edgebus.transport.rabbitmq;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.Transport;
import io.edgebus.api.transport.TransportEndpoint;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RabbitMQ broker connection profile as a {@link Transport} service: one per factory
 * configuration of {@value #PID}. Each endpoint that opens it gets its own connection.
 * bnd writes the defaults of {@link RabbitMqTransportConfig} into the component description, so a
 * configuration without a name still registers with {@code transport.name=default}; the
 * password's key starts with a dot, so it never becomes a service property.
 */
@Component(
        service = Transport.class,
        configurationPid = RabbitMqTransportComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RabbitMqTransportConfig.class, factory = true)
public class RabbitMqTransportComponent implements Transport {
    static final String PID = "io.edgebus.transport.rabbitmq";
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqTransportComponent.class);

    private final Set<RabbitMqEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private volatile TransportSettings settings;
    private volatile boolean active;

    @Activate
    void activate(RabbitMqTransportConfig config) {
        settings = TransportSettings.from(config);
        active = true;
        LOG.info("RabbitMQ transport '{}' active: {}", settings.name(), settings);
    }

    @Deactivate
    void deactivate() {
        active = false;
        for (RabbitMqEndpoint endpoint : List.copyOf(endpoints)) {
            endpoint.close(settings.closeDrainTimeout());
        }
        LOG.info("RabbitMQ transport '{}' stopped", settings.name());
    }

    @Override
    public TransportEndpoint open(EndpointAddress endpoint) {
        if (!active) {
            throw new EdgeBusException(Code.STOPPED, "RabbitMQ transport is not active");
        }
        RabbitMqEndpoint opened = new RabbitMqEndpoint(settings, endpoint, endpoints::remove);
        endpoints.add(opened);
        if (!active) {
            // Deactivated while opening: it would have missed the close.
            opened.close(settings.closeDrainTimeout());
            throw new EdgeBusException(Code.STOPPED, "RabbitMQ transport is not active");
        }
        opened.open();
        return opened;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, settings.maxMessageBytes());
    }

    /** The endpoints opened and not yet closed, for tests. */
    int openEndpoints() {
        return endpoints.size();
    }
}
