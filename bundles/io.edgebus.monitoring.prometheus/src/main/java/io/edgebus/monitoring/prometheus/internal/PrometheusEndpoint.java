package io.edgebus.monitoring.prometheus.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgebus.api.monitoring.EndpointMetrics;
import io.edgebus.api.monitoring.MetricSample;
import io.edgebus.api.monitoring.MetricSource;
import io.edgebus.api.monitoring.MetricsSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: every {@link EndpointMetrics} and {@link MetricSource} service of this
 * runtime (endpoints, bridges) in the Prometheus text format, read at scrape time. The JDK's HTTP
 * server on one thread of its own; a port in use fails the activation with a clear log, not the
 * runtime.
 */
@Component(configurationPid = "io.edgebus.monitoring.prometheus", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = PrometheusConfig.class)
public class PrometheusEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);

    private final List<EndpointMetrics> endpoints = new CopyOnWriteArrayList<>();
    private final List<MetricSource> sources = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEndpoint(EndpointMetrics metrics) {
        endpoints.add(metrics);
    }

    void unbindEndpoint(EndpointMetrics metrics) {
        endpoints.remove(metrics);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(MetricSource source) {
        sources.add(source);
    }

    void unbindSource(MetricSource source) {
        sources.remove(source);
    }

    @Activate
    void activate(PrometheusConfig config) throws IOException {
        if (config.port() < 0 || config.port() > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535, was " + config.port());
        }
        InetSocketAddress address = new InetSocketAddress(config.bindAddress().trim(), config.port());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("bindAddress: cannot resolve '" + config.bindAddress() + "'");
        }
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            LOG.error("Prometheus endpoint: cannot listen on {}: {}", address, e.toString());
            throw e;
        }
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "edgebus-prometheus-" + config.port()));
        server.setExecutor(executor);
        server.createContext("/metrics", this::serve);
        server.start();
        LOG.info("Prometheus endpoint at http://{}:{}/metrics", address.getHostString(), server.getAddress().getPort());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = TextFormat.render(snapshots(), samples()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", TextFormat.CONTENT_TYPE);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Prometheus endpoint: scrape failed: {}", e.toString());
        }
    }

    private List<MetricSample> samples() {
        List<MetricSample> all = new ArrayList<>();
        for (MetricSource source : sources) {
            try {
                all.addAll(source.samples());
            } catch (RuntimeException e) {
                // A source being stopped or reconfigured right now: left out of this scrape.
                LOG.debug("Prometheus endpoint: no samples from {}: {}", source, e.toString());
            }
        }
        return all;
    }

    private List<MetricsSnapshot> snapshots() {
        List<MetricsSnapshot> all = new ArrayList<>();
        for (EndpointMetrics m : endpoints) {
            try {
                all.add(m.snapshot());
            } catch (RuntimeException e) {
                // An endpoint being stopped right now: it is left out of this scrape.
                LOG.debug("Prometheus endpoint: no snapshot from an endpoint: {}", e.toString());
            }
        }
        all.sort(Comparator.comparing(MetricsSnapshot::endpoint).thenComparing(MetricsSnapshot::instance));
        return all;
    }
}
