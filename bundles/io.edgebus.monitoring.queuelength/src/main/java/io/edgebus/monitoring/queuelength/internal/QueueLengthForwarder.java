package io.edgebus.monitoring.queuelength.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.Transport;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * F13: every interval, the lengths of the configured queues of one RabbitMQ virtual host, from the
 * management API, as one {@link QueueLengthReport} to the monitoring queue of the transport chosen by
 * {@code transport.target} (on the gateway: the Azure Service Bus side). One factory configuration per
 * virtual host. A poll that fails sends nothing and is logged once per change of its cause; polling
 * goes on. A configuration change restarts the component (DS), so it is hot-updatable.
 */
@Component(configurationPid = QueueLengthForwarder.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = QueueLengthConfig.class, factory = true)
public class QueueLengthForwarder {
    static final String PID = "io.edgebus.monitoring.queuelength";
    private static final Logger LOG = LoggerFactory.getLogger(QueueLengthForwarder.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ForwarderSettings settings;
    private final String subject;
    private final QueueSelection selection;
    private final ReportMessages messages;
    private final ExecutorService httpThreads;
    private final ManagementApi api;
    private final TransportEndpoint endpoint;
    private final ScheduledThreadPoolExecutor poller;
    private final StateChanges pollState;
    private final StateChanges sendState;
    private List<String> missing = List.of(); // the poller thread only
    private boolean sentOnce; // the poller thread only
    private final AtomicBoolean polling = new AtomicBoolean();

    @Activate
    public QueueLengthForwarder(QueueLengthConfig config, @Reference(name = "transport") Transport transport) {
        try {
            settings = ForwarderSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("queue-length forwarder: configuration {} rejected: {}", PID, e.getMessage());
            throw e;
        }
        subject = "queue lengths of vhost '" + settings.vhost() + "'";
        selection = new QueueSelection(settings.queues(), settings.queuePattern());
        ObjectMapper mapper = new ObjectMapper();
        messages = new ReportMessages(mapper, settings.reporter(), settings.monitoringQueue(), settings.interval());
        httpThreads = Executors.newCachedThreadPool(r -> daemon(r, "edgebus-queuelength-http"));
        api = new ManagementApi(settings, new QueueListJson(mapper), mapper, httpThreads);
        pollState = new StateChanges(LOG, subject);
        sendState = new StateChanges(LOG, subject + " → " + settings.monitoringQueue());
        // Send only: the monitoring queue is also given as the error queue, so no other queue is declared.
        // The virtual host as the instance: it names the connection (edgebus/QueueLengthForwarder/<vhost>).
        endpoint = transport.open(new EndpointAddress(settings.reporter(), settings.monitoringQueue(), settings.vhost(),
                settings.monitoringQueue()));
        try {
            endpoint.declareTopology(List.of());
        } catch (RuntimeException e) {
            LOG.warn("{}: could not declare {} (sends are tried anyway): {}", subject, settings.monitoringQueue(),
                    e.getMessage());
        }
        poller = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "edgebus-queuelength-" + settings.vhost()));
        poller.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Polling starts when the transport is connected (the first report goes out at once), or after
        // one interval without it, so that management API problems are reported even then.
        endpoint.onStateChange(state -> {
            if (state == TransportState.CONNECTED) {
                startPolling();
            }
        });
        if (endpoint.state() == TransportState.CONNECTED) {
            startPolling();
        }
        poller.schedule(this::startPolling, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("queue-length forwarder active: {}", settings);
    }

    private void startPolling() {
        if (polling.compareAndSet(false, true)) {
            try {
                poller.scheduleAtFixedRate(this::tick, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Stopped meanwhile.
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        poller.shutdownNow();
        if (!poller.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("{}: the poll thread did not stop within 10 s", subject);
        }
        httpThreads.shutdownNow();
        endpoint.close(CLOSE_TIMEOUT);
        LOG.info("queue-length forwarder for vhost '{}' stopped", settings.vhost());
    }

    private void tick() {
        try {
            PollOutcome outcome = api.poll();
            if (outcome instanceof PollOutcome.Problem p) {
                pollState.problem(p.kind(), p.text() + " (no reports until it answers; polling every "
                        + settings.interval().toSeconds() + " s)");
                return;
            }
            pollState.fine("the management API answers again");
            forward((PollOutcome.Queues) outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        } catch (RuntimeException e) {
            // Must not escape: a periodic task that throws is never run again.
            pollState.problem("failed", "a poll failed: " + e);
        }
    }

    private void forward(PollOutcome.Queues polled) {
        QueueSelection.Selected selected = selection.select(polled.queues());
        if (!selected.missing().equals(missing)) {
            if (selected.missing().isEmpty()) {
                LOG.info("{}: every configured queue exists now", subject);
            } else {
                LOG.warn("{}: no such queue(s): {} (reported under MissingQueues)", subject, selected.missing());
            }
            missing = selected.missing();
        }
        TransportState state = endpoint.state();
        if (state != TransportState.CONNECTED) {
            // A dispatch would wait for the connection (up to the transport's timeout) and delay the next poll.
            if (state == TransportState.CONNECTING && !sentOnce) {
                LOG.debug("{}: waiting for the transport to connect before the first report", subject);
            } else {
                sendState.problem("not-connected", "the transport is " + state + "; reports are dropped until "
                        + "it is connected");
            }
            return;
        }
        QueueLengthReport report = new QueueLengthReport("RabbitMQ", settings.managementUrl().toString(),
                settings.vhost(), settings.reporter(), messages.hostId(), messages.machine(),
                polled.sampledAt().toString(), settings.interval().toSeconds(),
                selected.queues().stream().map(QueueLengthReport.Queue::of).toList(), selected.missing());
        try {
            endpoint.dispatch(List.of(messages.message(report)));
        } catch (RuntimeException e) {
            sendState.problem("failed", "could not send a report (dropped; the next one is tried): " + e.getMessage());
            return;
        }
        sendState.fine("sending reports works again");
        if (!sentOnce) {
            sentOnce = true;
            LOG.info("{}: first report sent to {} ({} queue(s))", subject, settings.monitoringQueue(),
                    report.queues().size());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
