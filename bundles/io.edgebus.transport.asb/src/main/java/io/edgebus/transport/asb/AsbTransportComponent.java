package io.edgebus.transport.asb;

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
 * An Azure Service Bus namespace (or a local AMQP 1.0 broker) as a {@link Transport} service: one
 * per factory configuration of {@value #PID}. Each endpoint that opens it gets its own connection.
 * The connection string and password keys start with a dot, so they never become service properties.
 */
@Component(
        service = Transport.class,
        configurationPid = AsbTransportComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AsbTransportConfig.class, factory = true)
public class AsbTransportComponent implements Transport {
    static final String PID = "io.edgebus.transport.asb";
    private static final Logger LOG = LoggerFactory.getLogger(AsbTransportComponent.class);

    private final Set<AsbEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private volatile AsbSettings settings;
    private volatile boolean active;

    @Activate
    void activate(AsbTransportConfig config) {
        settings = AsbSettings.from(config);
        active = true;
        LOG.info("Azure Service Bus transport '{}' active: {}", settings.name(), settings);
    }

    @Deactivate
    void deactivate() {
        active = false;
        for (AsbEndpoint endpoint : List.copyOf(endpoints)) {
            endpoint.close(settings.closeDrainTimeout());
        }
        LOG.info("Azure Service Bus transport '{}' stopped", settings.name());
    }

    @Override
    public TransportEndpoint open(EndpointAddress endpoint) {
        if (!active) {
            throw new EdgeBusException(Code.STOPPED, "Azure Service Bus transport is not active");
        }
        AsbEndpoint opened = new AsbEndpoint(settings, endpoint, endpoints::remove);
        endpoints.add(opened);
        if (!active) {
            opened.close(settings.closeDrainTimeout());
            throw new EdgeBusException(Code.STOPPED, "Azure Service Bus transport is not active");
        }
        opened.open();
        return opened;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, settings.maxMessageBytes());
    }

    int openEndpoints() {
        return endpoints.size();
    }
}
