package io.edgebus.itest.handler;

import io.edgebus.api.Bus;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.pipeline.RecoverabilityPolicy;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers a Ping handler for the endpoints named by the framework property itest.endpoint, and a
 * Pinged handler for those named by itest.subscribers (comma-separated), and a Flaky handler with a
 * switchable recoverability policy for those named by itest.flaky, a SlowHandler of Ping (sleeps,
 * sends nothing) for those named by itest.slow, and a concurrency-measuring Gauge handler for those
 * named by itest.gauge. Reports go to the queue itest.results (default itest-results; a test run that
 * may overlap another's gives its own).
 */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Reporter reporter = new Reporter(context.getBundle().getVersion().toString(),
                context.getProperty("itest.results"));
        register(context, context.getProperty("itest.endpoint"), new PingHandler(reporter));
        register(context, context.getProperty("itest.subscribers"), new PingedHandler(reporter));
        register(context, context.getProperty("itest.slow"), new SlowHandler());
        String flaky = context.getProperty("itest.flaky");
        register(context, flaky, new FlakyHandler(reporter));
        register(context, context.getProperty("itest.gauge"), new GaugeHandler());
        if (flaky != null && !flaky.isBlank()) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Bus.ENDPOINT_PROPERTY, flaky.split(","));
            context.registerService(RecoverabilityPolicy.class, new SwitchablePolicy(), props);
        }
    }

    private static void register(BundleContext context, String endpoints, MessageHandler<?> handler) {
        if (endpoints == null || endpoints.isBlank()) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Bus.ENDPOINT_PROPERTY, endpoints.split(","));
        context.registerService(MessageHandler.class, handler, props);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the services; the endpoint drains their invocations first.
    }
}
