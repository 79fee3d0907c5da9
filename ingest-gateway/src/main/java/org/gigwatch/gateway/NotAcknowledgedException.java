package org.gigwatch.gateway;

/** Kafka (or the schema registry) did not take a batch in time: the platform must retry it, nothing is promised. */
public final class NotAcknowledgedException extends Exception {
    public NotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
