package io.edgebus.itest.handler;

import java.util.Map;

/**
 * What a handler reports for each message: which id, by which bundle version, in which endpoint,
 * how many handlers of that endpoint ran at that moment, and the headers it received.
 */
public record Handled(String id, String version, String endpoint, int inFlight, Map<String, String> headers) {
}
