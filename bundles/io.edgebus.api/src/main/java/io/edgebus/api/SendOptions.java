package io.edgebus.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options of a send, send-local or reply. Immutable; build with {@link #builder()}. */
public final class SendOptions {
    private static final SendOptions DEFAULTS = builder().build();

    private final String messageId;
    private final String destination;
    private final boolean routeToThisEndpoint;
    private final Duration delay;
    private final Instant deliverAt;
    private final Map<String, String> headers;

    private SendOptions(Builder b) {
        this.messageId = b.messageId;
        this.destination = b.destination;
        this.routeToThisEndpoint = b.routeToThisEndpoint;
        this.delay = b.delay;
        this.deliverAt = b.deliverAt;
        this.headers = Map.copyOf(b.headers);
    }

    public static SendOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The message id to use; {@code null} means a new unique id. Reuse an id to resend. */
    public String messageId() {
        return messageId;
    }

    /** An explicit destination queue; {@code null} means: use the configured route. */
    public String destination() {
        return destination;
    }

    public boolean routeToThisEndpoint() {
        return routeToThisEndpoint;
    }

    /** Delay before the message becomes visible, or {@code null}. */
    public Duration delay() {
        return delay;
    }

    /** Time the message becomes visible, or {@code null}. */
    public Instant deliverAt() {
        return deliverAt;
    }

    /** Extra headers; they may not override the ones EdgeBus sets. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Builds {@link SendOptions}. */
    public static final class Builder {
        private String messageId;
        private String destination;
        private boolean routeToThisEndpoint;
        private Duration delay;
        private Instant deliverAt;
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

        public Builder destination(String queue) {
            this.destination = queue;
            return this;
        }

        public Builder routeToThisEndpoint() {
            this.routeToThisEndpoint = true;
            return this;
        }

        public Builder delay(Duration d) {
            if (d != null && d.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + d);
            }
            this.delay = d;
            return this;
        }

        public Builder deliverAt(Instant at) {
            this.deliverAt = at;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public SendOptions build() {
            if (delay != null && deliverAt != null) {
                throw new IllegalArgumentException("set delay or deliverAt, not both");
            }
            if (destination != null && routeToThisEndpoint) {
                throw new IllegalArgumentException("set destination or routeToThisEndpoint, not both");
            }
            return new SendOptions(this);
        }
    }
}
