package org.gigwatch.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry protocol gigwatch needs (Avro only).
 *
 * <p>Implementations are thread-safe. Every failure the registry reports is a {@link SchemaRegistryException}
 * carrying the HTTP status and the registry's own message.
 */
public interface SchemaRegistryClient {

    /** Compatibility levels every Confluent-compatible registry understands. */
    String NONE = "NONE";
    String BACKWARD = "BACKWARD";
    String BACKWARD_TRANSITIVE = "BACKWARD_TRANSITIVE";
    String FORWARD = "FORWARD";
    String FORWARD_TRANSITIVE = "FORWARD_TRANSITIVE";
    String FULL = "FULL";
    String FULL_TRANSITIVE = "FULL_TRANSITIVE";

    /**
     * Registers {@code schema} under {@code subject} (a no-op if it is already there) and returns its global id.
     *
     * @throws SchemaRegistryException with status 409 if the subject's compatibility rule rejects it
     */
    int register(String subject, Schema schema);

    /**
     * The id of {@code schema} if it is already registered under {@code subject}; never registers it.
     *
     * @throws SchemaRegistryException with status 404 if the subject or the schema under it is unknown
     */
    int lookup(String subject, Schema schema);

    /**
     * The schema with this global id.
     *
     * @throws SchemaRegistryException with status 404 if there is none
     */
    Schema schemaById(int id);

    /**
     * Whether {@code schema} could be registered as the next version of {@code subject} under the subject's
     * compatibility rule. A subject with no versions yet accepts anything.
     */
    boolean isCompatible(String subject, Schema schema);

    /** Sets the compatibility level of one subject, e.g. {@link #BACKWARD}. */
    void setCompatibility(String subject, String level);

    /** All subjects that have at least one version. */
    List<String> subjects();
}
