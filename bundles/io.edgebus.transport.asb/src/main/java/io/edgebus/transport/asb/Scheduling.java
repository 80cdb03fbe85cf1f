package io.edgebus.transport.asb;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import java.util.Date;
import org.apache.qpid.jms.message.JmsMessage;

/**
 * Scheduled delivery. Service Bus reads the message annotation {@code x-opt-scheduled-enqueue-time}
 * (a timestamp) and does not advertise the capability Qpid JMS wants before it uses JMS delivery
 * delay; Artemis does advertise it, and Qpid JMS then sends {@code x-opt-delivery-time} itself.
 */
enum Scheduling {
    SERVICE_BUS {
        @Override
        void prepare(MessageProducer producer, Message message, long delayMillis) throws JMSException {
            producer.setDeliveryDelay(0);
            if (delayMillis > 0) {
                if (!(message instanceof JmsMessage jms)) {
                    throw new JMSException("not a Qpid JMS message: " + message.getClass().getName());
                }
                jms.getFacade().setTracingAnnotation(SCHEDULED_ENQUEUE_TIME,
                        new Date(System.currentTimeMillis() + delayMillis));
            }
        }
    },
    JMS_DELIVERY_DELAY {
        @Override
        void prepare(MessageProducer producer, Message message, long delayMillis) throws JMSException {
            producer.setDeliveryDelay(Math.max(0, delayMillis));
        }
    };

    static final String SCHEDULED_ENQUEUE_TIME = "x-opt-scheduled-enqueue-time";

    static Scheduling forBroker(boolean serviceBus) {
        return serviceBus ? SERVICE_BUS : JMS_DELIVERY_DELAY;
    }

    /** Sets up the producer and message so that the next send is held back {@code delayMillis}. */
    abstract void prepare(MessageProducer producer, Message message, long delayMillis) throws JMSException;
}
