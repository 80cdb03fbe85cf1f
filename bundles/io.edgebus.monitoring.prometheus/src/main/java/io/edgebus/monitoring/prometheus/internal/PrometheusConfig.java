package io.edgebus.monitoring.prometheus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "EdgeBus Prometheus endpoint",
        description = "Serves every endpoint instance's metrics of this runtime at http://<bindAddress>:<port>/metrics "
                + "in the Prometheus text format. Off until configured: one machine may run several runtimes.")
@interface PrometheusConfig {

    @AttributeDefinition(name = "Port", description = "TCP port, e.g. 9464; 0: any free port (logged).",
            min = "0", max = "65535")
    int port() default 9464;

    @AttributeDefinition(name = "Bind address",
            description = "127.0.0.1 keeps it on this machine; 0.0.0.0 lets a Prometheus elsewhere scrape it "
                    + "(unauthenticated: metrics only, but consider the network).")
    String bindAddress() default "127.0.0.1";
}
