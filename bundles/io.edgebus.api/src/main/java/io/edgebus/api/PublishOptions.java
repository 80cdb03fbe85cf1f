package io.edgebus.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Options of a publish. Immutable; build with {@link #builder()}. */
public final class PublishOptions {
    private static final PublishOptions DEFAULTS = builder().build();

    private final String messageId;
    private final Map<String, String> headers;

    private PublishOptions(Builder b) {
        this.messageId = b.messageId;
        this.headers = Map.copyOf(b.headers);
    }

    public static PublishOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The message id to use; {@code null} means a new unique id. */
    public String messageId() {
        return messageId;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Builds {@link PublishOptions}. */
    public static final class Builder {
        private String messageId;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder messageId(String id) {
            if (id != null && id.isBlank()) {
                throw new IllegalArgumentException("messageId must not be blank");
            }
            this.messageId = id;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public PublishOptions build() {
            return new PublishOptions(this);
        }
    }
}
