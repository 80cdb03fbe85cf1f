package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import io.edgebus.api.saga.SagaContext;
import java.util.Map;

/** A handler's context inside a saga: what it sends carries the saga's id and type. */
final class SagaContextImpl implements SagaContext {
    private final MessageContext delegate;
    private final String sagaId;
    private final String sagaType;
    private boolean complete;

    SagaContextImpl(MessageContext delegate, String sagaId, String sagaType) {
        this.delegate = delegate;
        this.sagaId = sagaId;
        this.sagaType = sagaType;
    }

    @Override
    public String sagaId() {
        return sagaId;
    }

    @Override
    public void markAsComplete() {
        complete = true;
    }

    boolean isComplete() {
        return complete;
    }

    @Override
    public String messageId() {
        return delegate.messageId();
    }

    @Override
    public Map<String, String> headers() {
        return delegate.headers();
    }

    @Override
    public String endpointName() {
        return delegate.endpointName();
    }

    @Override
    public void send(Object message, SendOptions options) {
        delegate.send(message, withSagaHeaders(options));
    }

    @Override
    public void reply(Object message, SendOptions options) {
        delegate.reply(message, withSagaHeaders(options));
    }

    @Override
    public void publish(Object event, PublishOptions options) {
        PublishOptions.Builder b = PublishOptions.builder().messageId(options.messageId());
        options.headers().forEach(b::header);
        b.header(Headers.ORIGINATING_SAGA_ID, sagaId).header(Headers.ORIGINATING_SAGA_TYPE, sagaType);
        delegate.publish(event, b.build());
    }

    private SendOptions withSagaHeaders(SendOptions options) {
        SendOptions.Builder b = SendOptions.builder().messageId(options.messageId()).delay(options.delay())
                .deliverAt(options.deliverAt());
        if (options.destination() != null) {
            b.destination(options.destination());
        }
        if (options.routeToThisEndpoint()) {
            b.routeToThisEndpoint();
        }
        options.headers().forEach(b::header);
        b.header(Headers.ORIGINATING_SAGA_ID, sagaId).header(Headers.ORIGINATING_SAGA_TYPE, sagaType);
        return b.build();
    }
}
