package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;

/** Tells broker refusals (a channel closed with a reply code) from a lost connection. */
final class BrokerErrors {
    static final int NOT_FOUND = AMQP.NOT_FOUND;
    static final int PRECONDITION_FAILED = AMQP.PRECONDITION_FAILED;

    private BrokerErrors() {
    }

    /** The reply code of the channel close that caused {@code failure}, or 0 when it was not one. */
    static int channelCloseCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal && !signal.isHardError()
                    && signal.getReason() instanceof AMQP.Channel.Close close) {
                return close.getReplyCode();
            }
        }
        return 0;
    }

    /** The broker's own words, e.g. "NOT_FOUND - no exchange 'x' in vhost '/'". */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal) {
                if (signal.getReason() instanceof AMQP.Channel.Close close) {
                    return close.getReplyText();
                }
                if (signal.getReason() instanceof AMQP.Connection.Close close) {
                    return "connection closed: " + close.getReplyText();
                }
                if (signal.getCause() != null) {
                    return signal.getMessage() + ": " + signal.getCause();
                }
            }
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /**
     * An EdgeBusException for a failed broker operation: refusals (406 and friends) are a
     * configuration problem, anything else means the broker could not be reached.
     */
    static EdgeBusException translate(String what, Exception failure) {
        if (failure instanceof EdgeBusException edgeBus) {
            return edgeBus;
        }
        int code = channelCloseCode(failure);
        Code kind = code == 0 ? Code.TRANSPORT_UNAVAILABLE : Code.INVALID_OPERATION;
        return new EdgeBusException(kind, what + " failed: " + describe(failure), failure);
    }
}
