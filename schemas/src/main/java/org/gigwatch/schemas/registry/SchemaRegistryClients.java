package org.gigwatch.schemas.registry;

/** Picks the client for a {@code schema.registry.url}. */
public final class SchemaRegistryClients {
    /** {@code mock://<scope>}: the in-memory registry of that scope, for unit tests. */
    public static final String MOCK_SCHEME = "mock://";

    /**
     * The scoped {@link MockSchemaRegistryClient} for {@code mock://<scope>}, otherwise a new
     * {@link RestSchemaRegistryClient}. REST clients are deliberately not shared between callers: a registry
     * restarted on the same address (as in tests) may reuse ids, and a shared cache would then lie.
     */
    public static SchemaRegistryClient forUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no schema registry URL given");
        }
        if (url.startsWith(MOCK_SCHEME)) {
            return MockSchemaRegistryClient.forScope(url.substring(MOCK_SCHEME.length()));
        }
        return new RestSchemaRegistryClient(url);
    }

    private SchemaRegistryClients() {}
}
