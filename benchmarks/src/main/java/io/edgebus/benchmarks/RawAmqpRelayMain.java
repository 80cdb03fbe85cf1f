package io.edgebus.benchmarks;

import com.rabbitmq.client.ConnectionFactory;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * The bridge benchmark's raw relay as its own process, started with the bridge's JVM flags and
 * fresh each round, so both sides run on equal terms (in the driver's JVM it kept warming up across
 * rounds and its later rounds were always its fastest). Arguments: amqpUri prefetch sessions queue
 * total timeoutSeconds; RabbitMQ at localhost:5672 as guest.
 */
public final class RawAmqpRelayMain {
    private RawAmqpRelayMain() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        long total = Long.parseLong(args[4]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[5]));
        try (com.rabbitmq.client.Connection rabbit = factory.newConnection("bench-bridge-raw-relay");
             jakarta.jms.Connection amqp = new JmsConnectionFactory(args[0] + "?jms.validatePropertyNames=false")
                     .createConnection()) {
            amqp.start();
            RawAmqpRelay relay = new RawAmqpRelay(rabbit, amqp, Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            relay.start(args[3]);
            while (relay.acked() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            relay.stop();
            System.exit(relay.acked() >= total ? 0 : 1);
        }
    }
}
