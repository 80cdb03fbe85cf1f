package io.edgebus.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a message type has on the wire ({@code NServiceBus.EnclosedMessageTypes}) and in
 * broker topology. Defaults to the Java class name; set it to the .NET full type name
 * ({@code Namespace.ClassName}) to exchange the message with .NET endpoints.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageName {
    String value();
}
