package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.TopologyRecoveryException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the amqp-client ConnectionFactory for one endpoint's connection. */
final class BrokerConnections {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnections.class);

    /**
     * The client re-creates consumers (and their qos) after a reconnect; exchanges, queues and
     * bindings are re-declared by the endpoint from what it was asked for, because the client
     * only recovers what was declared on channels that are still open, and it cannot know about
     * declarations requested while the connection was down.
     */
    private static final TopologyRecoveryFilter CONSUMERS_ONLY = new TopologyRecoveryFilter() {
        @Override
        public boolean filterExchange(RecordedExchange exchange) {
            return false;
        }

        @Override
        public boolean filterQueue(RecordedQueue queue) {
            return false;
        }

        @Override
        public boolean filterBinding(RecordedBinding binding) {
            return false;
        }
    };

    private BrokerConnections() {
    }

    static ConnectionFactory factory(TransportSettings settings, String connectionName, ThreadFactory threads,
                                     ReconnectPacing pacing) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setVirtualHost(settings.virtualHost());
        factory.setUsername(settings.username());
        factory.setPassword(settings.password());
        if (settings.useTls()) {
            // The JVM's trust store and host name verification: trusting every certificate
            // (useSslProtocol() without a context) would make TLS pointless.
            factory.useSslProtocol(defaultSslContext());
            factory.enableHostnameVerification();
        }
        factory.setRequestedHeartbeat((int) settings.heartbeat().toSeconds());
        factory.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectionTimeout().toMillis()));
        // A declare on a wedged broker must not block a caller for the client's default 10 minutes.
        factory.setChannelRpcTimeout((int) Math.min(Integer.MAX_VALUE, settings.confirmTimeout().toMillis()));
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setTopologyRecoveryFilter(CONSUMERS_ONLY);
        factory.setRecoveryDelayHandler(pacing);
        factory.setThreadFactory(threads);
        factory.setExceptionHandler(new QuietExceptionHandler(connectionName, pacing));
        return factory;
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no default TLS context", e);
        }
    }

    /**
     * Connection loss and reconnect failures are expected while the broker is away: the
     * supervisor logs them once each, without a stack trace per attempt.
     */
    private static final class QuietExceptionHandler extends ForgivingExceptionHandler {
        private final String connectionName;
        private final ReconnectPacing pacing;

        QuietExceptionHandler(String connectionName, ReconnectPacing pacing) {
            this.connectionName = connectionName;
            this.pacing = pacing;
        }

        @Override
        public void handleUnexpectedConnectionDriverException(Connection connection, Throwable failure) {
            LOG.debug("{}: connection driver stopped: {}", connectionName, BrokerErrors.describe(failure));
        }

        @Override
        public void handleConnectionRecoveryException(Connection connection, Throwable failure) {
            pacing.attemptFailed(failure);
        }

        @Override
        public void handleTopologyRecoveryException(Connection connection, com.rabbitmq.client.Channel channel,
                                                    TopologyRecoveryException failure) {
            LOG.warn("{}: re-creating a consumer after reconnect failed: {}", connectionName,
                    BrokerErrors.describe(failure));
        }
    }
}
