package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Date;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.message.JmsMessage;
import org.junit.jupiter.api.Test;

/**
 * The Service Bus form of a scheduled message on the wire: the annotation
 * x-opt-scheduled-enqueue-time as an AMQP timestamp. Artemis passes it through without acting on
 * it, which lets us read what a Service Bus namespace would receive.
 */
class ServiceBusSchedulingIT {
    @Test
    void aServiceBusScheduledMessageCarriesTheEnqueueTimeAnnotationAsATimestamp() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis()) {
            Connection connection = new JmsConnectionFactory(broker.uri()).createConnection();
            try {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("Scheduled"));
                Message message = session.createBytesMessage();
                long before = System.currentTimeMillis();

                Scheduling.SERVICE_BUS.prepare(producer, message, 60_000);
                producer.send(message);

                Message got = session.createConsumer(session.createQueue("Scheduled")).receive(5_000);
                Object annotation = ((JmsMessage) got).getFacade().getTracingAnnotation(Scheduling.SCHEDULED_ENQUEUE_TIME);
                assertEquals(Date.class, annotation.getClass());
                long at = ((Date) annotation).getTime();
                assertTrue(at >= before + 60_000 && at < before + 65_000, "scheduled for " + (at - before) + " ms ahead");
                assertEquals(0, producer.getDeliveryDelay(), "no JMS delivery delay, which Service Bus does not offer");
            } finally {
                connection.close();
            }
        }
    }
}
