package org.gigwatch.schemas.registry;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration keys of {@link AvroSerializer}, {@link AvroDeserializer} and {@link AvroSerde}; the
 * names are Confluent's, so the same client properties work with either implementation.
 */
public final class AvroSerdeConfig {
    /** Base URL of the registry's Confluent API, or {@code mock://<scope>} in unit tests. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Whether the serializer registers a schema it has not seen (default true); if false it must exist. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /**
     * Whether a deserializer without an explicit target class returns the generated SpecificRecord class
     * named by the writer schema (true) or a GenericRecord (false, the default).
     */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    /** The subject a topic's keys or values are registered under (Confluent's TopicNameStrategy). */
    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** The client for {@link #SCHEMA_REGISTRY_URL}; a Kafka {@link ConfigException} if it is missing. */
    static SchemaRegistryClient client(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
                    + "\" (e.g. http://127.0.0.1:8081/apis/ccompat/v7, or mock://<scope> in unit tests)");
        }
        return SchemaRegistryClients.forUrl(url.toString().strip());
    }

    /** A boolean setting given as Boolean or String (properties files give strings). */
    static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    private AvroSerdeConfig() {}
}
