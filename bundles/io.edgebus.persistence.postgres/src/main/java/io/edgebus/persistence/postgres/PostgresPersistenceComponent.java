package io.edgebus.persistence.postgres;

import io.edgebus.api.persistence.OutboxStorage;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.persistence.SagaStorage;
import io.edgebus.api.persistence.StorageSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One {@link Persistence} service per factory configuration {@code io.edgebus.persistence.postgres}.
 * Invalid settings or an unreachable database fail the activation with the reason; configuration changes
 * re-create the component (no {@code @Modified}): the pool and schema depend on every field.
 */
@Component(configurationPid = "io.edgebus.persistence.postgres", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Persistence.class, property = Persistence.NAME_PROPERTY + "=default")
@Designate(ocd = PostgresConfig.class, factory = true)
public final class PostgresPersistenceComponent implements Persistence {
    private final PostgresPersistence delegate;

    @Activate
    public PostgresPersistenceComponent(PostgresConfig config) {
        delegate = new PostgresPersistence(Settings.from(config));
    }

    @Deactivate
    void deactivate() {
        delegate.close();
    }

    @Override
    public StorageSession open(String endpoint) {
        return delegate.open(endpoint);
    }

    @Override
    public OutboxStorage outbox() {
        return delegate.outbox();
    }

    @Override
    public SagaStorage sagas() {
        return delegate.sagas();
    }
}
