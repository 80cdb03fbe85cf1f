package io.edgebus.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.util.Map;

/**
 * The bridge benchmark's baseline: the raw RabbitMQ client consuming with prefetch, each message
 * republished persistent to the AMQP 1.0 broker with Qpid JMS (asynchronous send, completion
 * callback), and the original acked once the broker accepted the copy: the same at-least-once
 * contract as the bridge, without EdgeBus.
 */
final class RawAmqpRelay {
    private final Channel in;
    private final Session[] sessions;
    private final MessageProducer[] producers;
    private long next;
    private final java.util.concurrent.atomic.AtomicLong acked = new java.util.concurrent.atomic.AtomicLong();

    /**
     * {@code sessions} publishing sessions used in turn (the bridge's ASB transport publishes on 4 per
     * endpoint), all fed by the one consumer thread, so each session is used by one thread only.
     */
    RawAmqpRelay(com.rabbitmq.client.Connection rabbit, jakarta.jms.Connection amqp, int prefetch, int sessions,
                 String to) throws Exception {
        in = rabbit.createChannel();
        in.basicQos(prefetch);
        this.sessions = new Session[sessions];
        this.producers = new MessageProducer[sessions];
        for (int i = 0; i < sessions; i++) {
            this.sessions[i] = amqp.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producers[i] = this.sessions[i].createProducer(this.sessions[i].createQueue(to));
            producers[i].setDeliveryMode(DeliveryMode.PERSISTENT);
        }
    }

    void start(String from) throws IOException {
        in.basicConsume(from, false, new DefaultConsumer(in) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                try {
                    int turn = (int) (next++ % sessions.length);
                    Session session = sessions[turn];
                    MessageProducer producer = producers[turn];
                    BytesMessage out = session.createBytesMessage();
                    out.writeBytes(body);
                    for (Map.Entry<String, Object> h : properties.getHeaders().entrySet()) {
                        out.setStringProperty(h.getKey(), String.valueOf(h.getValue()));
                    }
                    long deliveryTag = envelope.getDeliveryTag();
                    producer.send(out, new CompletionListener() {
                        @Override
                        public void onCompletion(Message message) {
                            try {
                                in.basicAck(deliveryTag, false);
                                acked.incrementAndGet();
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public void onException(Message message, Exception e) {
                            System.err.println("raw relay: send failed: " + e);
                        }
                    });
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        });
    }

    long acked() {
        return acked.get();
    }

    void stop() throws Exception {
        in.close();
        for (Session session : sessions) {
            session.close();
        }
    }
}
