package io.edgebus.api;

/**
 * Header names. They are the NServiceBus names, so .NET endpoints and the Particular platform
 * tools read our messages. Timestamps use {@link #TIME_FORMAT} in UTC.
 */
public final class Headers {
    /** {@code yyyy-MM-dd HH:mm:ss:ffffff Z}: a colon before the microseconds, a literal Z. */
    public static final String TIME_FORMAT = "yyyy-MM-dd HH:mm:ss:SSSSSS 'Z'";

    public static final String MESSAGE_ID = "NServiceBus.MessageId";
    public static final String CORRELATION_ID = "NServiceBus.CorrelationId";
    public static final String CONVERSATION_ID = "NServiceBus.ConversationId";
    public static final String RELATED_TO = "NServiceBus.RelatedTo";
    public static final String MESSAGE_INTENT = "NServiceBus.MessageIntent";
    public static final String REPLY_TO_ADDRESS = "NServiceBus.ReplyToAddress";
    public static final String CONTENT_TYPE = "NServiceBus.ContentType";
    public static final String ENCLOSED_MESSAGE_TYPES = "NServiceBus.EnclosedMessageTypes";
    public static final String TIME_SENT = "NServiceBus.TimeSent";
    public static final String DELIVER_AT = "NServiceBus.DeliverAt";
    public static final String IS_DEFERRED = "NServiceBus.IsDeferredMessage";
    public static final String ORIGINATING_ENDPOINT = "NServiceBus.OriginatingEndpoint";
    public static final String ORIGINATING_MACHINE = "NServiceBus.OriginatingMachine";
    public static final String PROCESSING_ENDPOINT = "NServiceBus.ProcessingEndpoint";
    public static final String PROCESSING_MACHINE = "NServiceBus.ProcessingMachine";
    public static final String PROCESSING_STARTED = "NServiceBus.ProcessingStarted";
    public static final String PROCESSING_ENDED = "NServiceBus.ProcessingEnded";
    public static final String VERSION = "NServiceBus.Version";
    public static final String NON_DURABLE = "NServiceBus.NonDurableMessage";
    public static final String TIME_TO_BE_RECEIVED = "NServiceBus.TimeToBeReceived";
    public static final String CONTROL_MESSAGE = "NServiceBus.ControlMessage";
    public static final String HOST_ID = "$.diagnostics.hostid";
    public static final String HOST_DISPLAY_NAME = "$.diagnostics.hostdisplayname";
    public static final String ORIGINATING_HOST_ID = "$.diagnostics.originating.hostid";

    public static final String ORIGINATING_SAGA_ID = "NServiceBus.OriginatingSagaId";
    public static final String ORIGINATING_SAGA_TYPE = "NServiceBus.OriginatingSagaType";
    public static final String SAGA_ID = "NServiceBus.SagaId";
    public static final String SAGA_TYPE = "NServiceBus.SagaType";

    public static final String IMMEDIATE_RETRIES = "NServiceBus.Retries.Immediate";
    public static final String DELAYED_RETRIES = "NServiceBus.Retries";
    public static final String DELAYED_RETRIES_TIMESTAMP = "NServiceBus.Retries.Timestamp";

    public static final String FAILED_QUEUE = "NServiceBus.FailedQ";
    public static final String TIME_OF_FAILURE = "NServiceBus.TimeOfFailure";
    public static final String EXCEPTION_TYPE = "NServiceBus.ExceptionInfo.ExceptionType";
    public static final String INNER_EXCEPTION_TYPE = "NServiceBus.ExceptionInfo.InnerExceptionType";
    public static final String EXCEPTION_MESSAGE = "NServiceBus.ExceptionInfo.Message";
    public static final String EXCEPTION_SOURCE = "NServiceBus.ExceptionInfo.Source";
    public static final String EXCEPTION_STACK_TRACE = "NServiceBus.ExceptionInfo.StackTrace";
    public static final String EXCEPTION_HELP_LINK = "NServiceBus.ExceptionInfo.HelpLink";

    /** The content type EdgeBus writes; matched case-sensitively on the whole value. */
    public static final String JSON = "application/json";

    private Headers() {
    }
}
