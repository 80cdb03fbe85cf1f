package io.edgebus.api.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/** The rest of a pipeline stage. */
@ProviderType
@FunctionalInterface
public interface Chain {
    void proceed() throws Exception;
}
