package org.gigwatch.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SchemaRegistryServerIntegrationTest {

    @Test
    void servesTheConfluentApiAndLeavesNoProcessBehind(@TempDir Path dir) throws Exception {
        Optional<Path> jar = SchemaRegistryServer.findJar();
        // the full build makes the registry module first; a build of this module alone may not have it
        assumeTrue(jar.isPresent(), "no registry jar yet (" + SchemaRegistryServer.JAR_IN_PROJECT + "): run `"
            + SchemaRegistryServer.BUILD_COMMAND + "` from the project root");

        ProcessHandle process;
        List<ProcessHandle> descendants;
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(jar.get(), dir.resolve("registry.log"))) {
            assertThat(registry.url()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body().strip()).isEqualTo("[]");

            process = ProcessHandle.of(registry.pid()).orElseThrow();
            descendants = process.descendants().toList();
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aPersistentRegistryKeepsItsSchemasAcrossARestart(@TempDir Path dir) throws Exception {
        assumeTrue(SchemaRegistryServer.findJar().isPresent(), "no registry jar yet");
        String schema = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
        String registered;
        try (SchemaRegistryServer registry = SchemaRegistryServer.startPersistent(dir)) {
            registered = send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/kept-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(schema)).build());
        }
        assertThat(registered).matches("\\{\"id\":\\d+}");
        String id = registered.replaceAll("\\D", "");
        try (SchemaRegistryServer restarted = SchemaRegistryServer.startPersistent(dir)) {
            assertThat(send(HttpRequest.newBuilder(URI.create(restarted.url() + "/schemas/ids/" + id)).GET().build()))
                .contains("Kept");
        }
    }

    private static String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    @Test
    void namesTheBuildCommandWhenTheJarIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> SchemaRegistryServer.start(dir.resolve("missing.jar"), dir.resolve("registry.log")))
            .hasMessageContaining("missing.jar")
            .hasMessageContaining(SchemaRegistryServer.BUILD_COMMAND);
    }

    @Test
    void reportsTheLogTailWhenTheProcessDies(@TempDir Path dir) throws Exception {
        // a real JVM that refuses the file: the failure path a broken registry build would take
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a jar");
        assertThatThrownBy(() -> SchemaRegistryServer.start(notAJar, dir.resolve("registry.log")))
            .hasMessageContaining("exited with code")
            .hasMessageContaining("broken.jar"); // java's own complaint, from the log's tail
    }
}
