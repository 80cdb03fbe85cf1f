package io.edgebus.localservices;

import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;

/**
 * Apache ActiveMQ Artemis in this process: AMQP 1.0 on 127.0.0.1 only, journal on disk (synced
 * writes, Artemis' default), one user with a generated password. The EdgeBus Azure Service Bus
 * transport creates its queues, topic and subscriptions through the broker's management address
 * ({@code activemq.management}), so that user has every right, management included, on every address.
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final String ROLE = "edgebus";
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int port;

    EmbeddedBroker(Path dir, int port, String user, String password) throws Exception {
        this.port = port;
        var config = new ConfigurationImpl().setName("edgebus-local").setPersistenceEnabled(true)
                .setSecurityEnabled(true).setJMXManagementEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        // send, consume, create/delete durable and non-durable queues, manage, browse, create/delete address, view, edit
        config.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true,
                true, true)));
        // As Artemis' own broker.xml: what runs out of delivery attempts or expires is kept, not dropped. The
        // transport's queues never get there (it sets unlimited attempts and moves failures to its error queue).
        config.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue")).setAutoCreateDeadLetterResources(true)
                .setAutoCreateExpiryResources(true));
        var users = new SecurityConfiguration();
        users.addUser(user, password);
        users.addRole(user, ROLE);
        server.setConfiguration(config).setSecurityManager(new ActiveMQSecurityManagerImpl(users));
        server.start();
    }

    String uri() {
        return "amqp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
