package io.edgebus.transport.rabbitmq;

import io.edgebus.transport.support.Backoff;
import com.rabbitmq.client.RecoveryDelayHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the amqp-client's reconnect attempts for one connection. The client asks for a delay
 * before each attempt but reports the failed attempt only after that delay, so the wait happens
 * when the failure is reported: the log then reads attempt, reason, next delay, in order. Waiting
 * here rather than in the client's own sleep also lets close() end a recovery at once.
 */
final class ReconnectPacing implements RecoveryDelayHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectPacing.class);

    private final String connectionName;
    private final String broker;
    private final Backoff backoff;
    private final CountDownLatch closing;
    // Only the connection's single recovery thread touches these; volatile for the log's sake.
    private volatile int failedAttempt;
    private volatile long owedMillis;

    ReconnectPacing(String connectionName, String broker, Backoff backoff, CountDownLatch closing) {
        this.connectionName = connectionName;
        this.broker = broker;
        this.backoff = backoff;
        this.closing = closing;
    }

    @Override
    public long getDelay(int failedAttempts) {
        if (closing.getCount() == 0) {
            return 0;
        }
        // A failure the client did not report: it must not skip its back-off.
        waitOwed();
        long delay = backoff.delayMillis(failedAttempts);
        if (failedAttempts == 0) {
            LOG.warn("{}: reconnect attempt 1 to {} in {} ms", connectionName, broker, delay);
            awaitClosing(delay);
        } else {
            failedAttempt = failedAttempts;
            owedMillis = delay;
        }
        return 0;
    }

    /** The client reports a failed reconnect attempt (after asking for the next delay). */
    void attemptFailed(Throwable failure) {
        if (failure instanceof InterruptedException || closing.getCount() == 0) {
            return;
        }
        LOG.warn("{}: reconnect attempt {} to {} failed ({}); attempt {} in {} ms", connectionName, failedAttempt,
                broker, BrokerErrors.describe(failure), failedAttempt + 1, owedMillis);
        waitOwed();
    }

    private void waitOwed() {
        long owed = owedMillis;
        owedMillis = 0;
        if (owed > 0) {
            awaitClosing(owed);
        }
    }

    private void awaitClosing(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
