package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import org.apache.qpid.jms.JmsConnectionRemotelyClosedException;
import org.junit.jupiter.api.Test;

/** A send that failed because the connection went away may be sent again; a refused one may not. */
class ConnectionLossTest {
    @Test
    void aConnectionClosedByTheBrokerIsALossAndARefusalIsNot() {
        JMSException closed = new JmsConnectionRemotelyClosedException("amqp:connection:forced");
        assertTrue(ConnectionSupervisor.isConnectionLoss(closed));
        JMSException wrapped = new JMSException("send failed");
        wrapped.initCause(new java.io.IOException("connection reset"));
        assertTrue(ConnectionSupervisor.isConnectionLoss(wrapped), "an I/O error underneath");
        assertTrue(ConnectionSupervisor.isConnectionLoss(new JMSException("Send failed due to connection loss")),
                "what Qpid JMS fails in-flight async sends with when the connection drops");
        assertFalse(ConnectionSupervisor.isConnectionLoss(new JMSException("amqp:rejected: message too large")));
    }
}
