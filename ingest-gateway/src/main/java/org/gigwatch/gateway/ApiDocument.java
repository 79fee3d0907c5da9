package org.gigwatch.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of the gateway's HTTP API: one file, {@value #RESOURCE} on the classpath, served as it is
 * and as JSON; docs/openapi.yaml is a copy of it (a test keeps the two equal).
 */
final class ApiDocument {
    static final String RESOURCE = "/org/gigwatch/gateway/openapi.yaml";
    private static final byte[] YAML = load();
    private static final byte[] JSON = toJson(YAML);

    static byte[] yaml() {
        return YAML.clone();
    }

    static byte[] json() {
        return JSON.clone();
    }

    private static byte[] load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toJson(byte[] yaml) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not valid YAML", e);
        }
    }

    private ApiDocument() {}
}
