package io.edgebus.core.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import io.edgebus.api.EdgeBusException;
import java.io.IOException;

/**
 * JSON bodies. One per endpoint and handler generation: Jackson caches classes, and a cache shared
 * across bundle updates would keep the old bundle's class loader alive.
 */
final class JsonSerializer {
    private final ObjectMapper mapper;

    JsonSerializer() {
        mapper = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.setTypeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 256)));
    }

    byte[] serialize(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new EdgeBusException(EdgeBusException.Code.SERIALIZATION,
                    "cannot serialize " + message.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    <T> T deserialize(byte[] body, Class<T> type) {
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new EdgeBusException(EdgeBusException.Code.SERIALIZATION, "body is JSON null");
            }
            return value;
        } catch (IOException e) {
            throw new EdgeBusException(EdgeBusException.Code.SERIALIZATION,
                    "body is not a valid " + type.getName() + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
