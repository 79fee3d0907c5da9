package org.gigwatch.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * An in-memory schema registry for unit tests ({@code TopologyTestDriver}), reached through
 * {@code schema.registry.url = mock://<scope>}: every client of one scope sees the same registry, as with
 * Confluent's MockSchemaRegistry. Integration tests use a real registry instead.
 *
 * <p>It judges compatibility the way a registry does (default {@link #BACKWARD}, checked with Avro's
 * {@link SchemaCompatibility}) so that a unit test fails on a schema change the real registry would refuse.
 * Ids are global: the same schema gets the same id under every subject. Thread-safe.
 */
public class MockSchemaRegistryClient implements SchemaRegistryClient {
    /** What Confluent's registry applies to a subject without its own setting. */
    public static final String DEFAULT_COMPATIBILITY = BACKWARD;

    private static final Set<String> LEVELS = Set.of(NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,
            FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE);
    private static final String TRANSITIVE = "_TRANSITIVE";
    private static final Map<String, MockSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final Map<String, List<Schema>> versions = new LinkedHashMap<>();
    private final Map<String, String> levels = new HashMap<>();
    private int nextId = 1;

    /** The registry of {@code scope}, created on first use. */
    public static MockSchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistryClient());
    }

    /** Forgets a scope, so that the next test using it starts from an empty registry. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> history = versions.get(subject);
        if (history != null && history.contains(schema)) {
            return ids.get(schema);
        }
        String problem = incompatibility(subject, schema);
        if (problem != null) {
            throw SchemaRegistryException.fromResponse("schema for subject " + subject, 409, problem);
        }
        int id = ids.computeIfAbsent(schema, s -> nextId++);
        schemas.putIfAbsent(id, schema);
        versions.computeIfAbsent(subject, s -> new ArrayList<>()).add(schema);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        String action = "schema " + schema.getFullName() + " under subject " + subject;
        List<Schema> history = versions.get(subject);
        if (history == null) {
            throw SchemaRegistryException.fromResponse(action, 404, "Subject '" + subject + "' not found.");
        }
        if (!history.contains(schema)) {
            throw SchemaRegistryException.fromResponse(action, 404, "Schema not found");
        }
        return ids.get(schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw SchemaRegistryException.fromResponse("schema id " + id, 404, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return incompatibility(subject, schema) == null;
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        if (!LEVELS.contains(level)) {
            throw SchemaRegistryException.fromResponse("compatibility level " + level + " for subject " + subject,
                    422, "Invalid compatibility level. Valid values are " + LEVELS);
        }
        levels.put(subject, level);
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versions.keySet());
    }

    /** Why {@code candidate} may not become the next version of {@code subject}, or null if it may. */
    private String incompatibility(String subject, Schema candidate) {
        List<Schema> history = versions.getOrDefault(subject, List.of());
        String level = levels.getOrDefault(subject, DEFAULT_COMPATIBILITY);
        if (history.isEmpty() || level.equals(NONE)) {
            return null;
        }
        boolean transitive = level.endsWith(TRANSITIVE);
        String direction = transitive ? level.substring(0, level.length() - TRANSITIVE.length()) : level;
        List<Schema> against = transitive ? history : List.of(history.get(history.size() - 1));
        for (Schema existing : against) {
            // BACKWARD: the new schema reads what the old one wrote; FORWARD: the old one reads the new one's data
            if (!direction.equals(FORWARD)) {
                String problem = problems(candidate, existing);
                if (problem != null) {
                    return level + ": the new schema cannot read data written with an earlier version: " + problem;
                }
            }
            if (!direction.equals(BACKWARD)) {
                String problem = problems(existing, candidate);
                if (problem != null) {
                    return level + ": an earlier version cannot read data written with the new schema: " + problem;
                }
            }
        }
        return null;
    }

    private static String problems(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(MockSchemaRegistryClient::describe)
                .collect(Collectors.joining("; "));
    }

    private static String describe(Incompatibility incompatibility) {
        return incompatibility.getType() + " at " + incompatibility.getLocation() + " (" + incompatibility.getMessage()
                + ")";
    }
}
