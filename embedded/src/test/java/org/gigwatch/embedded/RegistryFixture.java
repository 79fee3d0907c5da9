package org.gigwatch.embedded;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real schema registry for a test class: started before its tests, stopped after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RegistryFixture registry = RegistryFixture.perClass();
 * }</pre>
 */
public final class RegistryFixture implements BeforeAllCallback, AfterAllCallback {
    private SchemaRegistryServer server;
    private String owner; // the test class that started it: @Nested classes must not stop it

    private RegistryFixture() {
    }

    public static RegistryFixture perClass() {
        return new RegistryFixture();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (owner == null) {
            owner = context.getUniqueId();
            server = SchemaRegistryServer.start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            owner = null;
            server.close();
            server = null;
        }
    }

    /** Base URL of its Confluent-compatible API. */
    public synchronized String url() {
        if (server == null) {
            throw new IllegalStateException("the registry is not running: register the fixture as a static @RegisterExtension");
        }
        return server.url();
    }
}
