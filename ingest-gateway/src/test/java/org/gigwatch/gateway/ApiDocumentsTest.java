package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.schemas.Topics;
import org.junit.jupiter.api.Test;

/** The API documents in docs/: the OpenAPI one is the served resource, the AsyncAPI one covers every topic. */
class ApiDocumentsTest {
    /** Tests run in the module's folder; docs/ is the project's. */
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void theOpenApiDocumentInDocsIsTheOneTheGatewayServes() throws Exception {
        assertThat(new String(Files.readAllBytes(DOCS.resolve("openapi.yaml"))))
                .as("docs/openapi.yaml must be a copy of ingest-gateway/src/main/resources" + ApiDocument.RESOURCE)
                .isEqualTo(new String(ApiDocument.yaml()));
    }

    @Test
    void theAsyncApiDocumentHasAChannelForEveryTopicAndItsSchemasExist() throws Exception {
        JsonNode document = new YAMLMapper().readTree(DOCS.resolve("asyncapi.yaml").toFile());
        assertThat(document.get("asyncapi").asText()).startsWith("3.");
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        assertThat(addresses).containsAll(Topics.ALL.stream().map(Topics.Spec::name).toList());

        document.get("components").get("messages").forEach(message -> {
            JsonNode schema = message.path("payload").path("schema").path("$ref");
            if (!schema.isMissingNode()) {
                assertThat(DOCS.resolve(schema.asText())).as("the Avro schema of %s", message.get("name").asText()).isRegularFile();
            }
        });
    }
}
