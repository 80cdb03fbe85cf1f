package io.edgebus.bridge.internal;

import io.edgebus.api.monitoring.MetricSample;
import io.edgebus.api.monitoring.MetricSource;
import io.edgebus.api.transport.Transport;
import io.edgebus.bridge.BridgeMetrics;
import io.edgebus.bridge.DirectionMetrics;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One bridge per factory configuration of {@value #PID}, between the two Transport services its
 * {@code transportA.target} and {@code transportB.target} select. A change to the endpoint lists is
 * applied in place (proxies added and removed, the others keep running); any other change restarts
 * the bridge.
 */
@Component(service = {BridgeMetrics.class, MetricSource.class}, immediate = true,
        configurationPid = BridgeComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BridgeConfig.class, factory = true)
public class BridgeComponent implements BridgeMetrics, MetricSource {
    static final String PID = "io.edgebus.bridge";

    private Transport transportA;
    private Transport transportB;
    private String transportAName;
    private String transportBName;
    private BridgeSettings settings;
    private Bridge bridge;

    @Reference(name = "transportA")
    void bindTransportA(Transport transport, Map<String, Object> properties) {
        transportA = transport;
        transportAName = name(properties);
    }

    @Reference(name = "transportB")
    void bindTransportB(Transport transport, Map<String, Object> properties) {
        transportB = transport;
        transportBName = name(properties);
    }

    @Activate
    synchronized void activate(BridgeConfig config) {
        start(BridgeSettings.from(config));
    }

    @Modified
    synchronized void modified(BridgeConfig config) {
        BridgeSettings next = BridgeSettings.from(config);
        if (next.sameExceptEndpoints(settings)) {
            bridge.apply(next);
            settings = next;
        } else {
            bridge.stop();
            start(next);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        bridge.stop();
    }

    @Override
    public List<DirectionMetrics> snapshot() {
        Bridge running;
        synchronized (this) {
            running = bridge;
        }
        return running.snapshot();
    }

    /** The same figures for the runtime's exporters (the Prometheus endpoint). */
    @Override
    public List<MetricSample> samples() {
        String name;
        synchronized (this) {
            name = settings.name();
        }
        return BridgeSeries.of(name, snapshot());
    }

    private void start(BridgeSettings s) {
        SideLink a = new SideLink(s.name(), "A", transportAName, transportA, s.a().errorQueue(), s.maxMessageBytes());
        SideLink b = new SideLink(s.name(), "B", transportBName, transportB, s.b().errorQueue(), s.maxMessageBytes());
        Bridge started = new Bridge(s, a, b);
        started.start();
        settings = s;
        bridge = started;
    }

    private static String name(Map<String, Object> properties) {
        return String.valueOf(properties.getOrDefault(Transport.NAME_PROPERTY, "?"));
    }
}
