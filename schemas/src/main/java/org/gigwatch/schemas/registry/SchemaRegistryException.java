package org.gigwatch.schemas.registry;

/**
 * A request the schema registry refused or could not answer.
 *
 * <p>Callers decide on {@link #status()} only: registries disagree on the JSON {@code error_code} (Apicurio
 * sends 0 where Confluent sends 409), but they agree on the HTTP status.
 */
public class SchemaRegistryException extends RuntimeException {
    /** {@link #status()} when no HTTP response arrived (connection refused, timeout, ...). */
    public static final int NO_RESPONSE = -1;

    private final int status;
    private final String registryMessage;

    public SchemaRegistryException(String message, int status, String registryMessage) {
        this(message, status, registryMessage, null);
    }

    public SchemaRegistryException(String message, int status, String registryMessage, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.registryMessage = registryMessage;
    }

    /**
     * The exception for an HTTP error answer, worded after what was asked ({@code action}, e.g.
     * "schema for subject x-value") so that the message reads well in a log line.
     */
    static SchemaRegistryException fromResponse(String action, int status, String registryMessage) {
        String outcome = switch (status) {
            case 404 -> "not found";
            case 409 -> "rejected as incompatible";
            case 422 -> "rejected as invalid";
            default -> "failed";
        };
        return new SchemaRegistryException(
                "%s %s (HTTP %d): %s".formatted(action, outcome, status, registryMessage), status, registryMessage);
    }

    /** The HTTP status the registry answered with, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The registry's own explanation (its JSON {@code message}, or the raw body), or null. */
    public String registryMessage() {
        return registryMessage;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isIncompatible() {
        return status == 409;
    }
}
