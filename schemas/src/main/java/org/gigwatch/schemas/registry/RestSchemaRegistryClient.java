package org.gigwatch.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent REST API, e.g. at
 * {@code http://127.0.0.1:8081/apis/ccompat/v7} (Apicurio) or {@code http://registry:8081} (Confluent).
 *
 * <p>Registered ids and fetched schemas are cached (both never change once the registry has assigned them),
 * so a serializer or deserializer asks the registry once per schema. Thread-safe.
 */
public class RestSchemaRegistryClient implements SchemaRegistryClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keeps an HTML error page from flooding an exception message. */
    private static final int MAX_MESSAGE_CHARS = 500;
    private static final int REGISTER_ATTEMPTS = 4;
    /**
     * Registrations from this JVM go one at a time, whatever the client: Apicurio (H2) stalled for more than the
     * 10 s timeout, and then answered nothing else either, when eight clients stored one new schema under eight
     * subjects at once. A client registers each schema once, so the wait costs nothing in steady state.
     */
    private static final Object REGISTERING = new Object();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    /** @param timeout bounds both connecting and each whole request */
    public RestSchemaRegistryClient(String baseUrl, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // HTTP/1.1: the default h2c upgrade attempt on plain http buys nothing here and some servers mishandle it
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = null;
        for (int attempt = 1; answer == null; attempt++) {
            try {
                synchronized (REGISTERING) {
                    answer = send("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(schema),
                            "schema for subject " + subject);
                }
            } catch (SchemaRegistryException e) {
                if (e.isIncompatible()) {
                    // Apicurio answers 409 ("already exists") to the later of two clients registering a subject's
                    // first schema at once (e.g. two stream threads): the schema is there then, and a lookup finds
                    // its id
                    try {
                        return lookup(subject, schema);
                    } catch (SchemaRegistryException notThere) {
                        // not there (yet): incompatible, or the race below
                    }
                }
                // Apicurio also refuses the later of two clients (in two processes) storing the same new schema at
                // once, under one subject or two (HTTP 500: a unique index on the schema's content; or 409 for an
                // artifact it has not finished creating). Registering is idempotent: a retry finds the content
                // stored. A schema that is really incompatible gets its 409 after the retries.
                if (!(e.isIncompatible() || e.status() >= 500) || attempt == REGISTER_ATTEMPTS) {
                    throw e;
                }
                log.info("Registering a schema under subject {} failed ({}); trying again", subject, e.getMessage());
                pause(Duration.ofMillis(50L * attempt), e);
            }
        }
        int id = requiredInt(answer, "id", "schema for subject " + subject);
        remember(subject, schema, id);
        log.info("Registered schema {} under subject {} as id {} at {}", schema.getFullName(), subject, id, baseUrl);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        String action = "schema " + schema.getFullName() + " under subject " + subject;
        JsonNode answer = send("POST", "/subjects/" + segment(subject), schemaBody(schema), action);
        int id = requiredInt(answer, "id", action);
        remember(subject, schema, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String action = "schema id " + id;
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, action);
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw unreadable(action, "no \"schema\" field in " + answer);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(action + ": the registry returned a schema Avro cannot parse: "
                    + e.getMessage(), 200, null, e);
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/latest",
                    schemaBody(schema), "compatibility check of " + schema.getFullName() + " for subject " + subject);
            JsonNode verdict = answer.get("is_compatible");
            if (verdict == null || !verdict.isBoolean()) {
                throw unreadable("compatibility check for subject " + subject, "no \"is_compatible\" in " + answer);
            }
            return verdict.asBoolean();
        } catch (SchemaRegistryException e) {
            // a subject without versions has nothing to be incompatible with; asking for the subject list
            // first keeps a wrong base URL (also a 404) from passing as "compatible"
            if (e.isNotFound() && !subjects().contains(subject)) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, String level) {
        send("PUT", "/config/" + segment(subject), jsonObject("compatibility", level),
                "compatibility level " + level + " for subject " + subject);
        log.info("Set compatibility of subject {} to {} at {}", subject, level, baseUrl);
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null, "list of subjects");
        if (!answer.isArray()) {
            throw unreadable("list of subjects", "expected a JSON array, got " + answer);
        }
        List<String> subjects = new ArrayList<>(answer.size());
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient[" + baseUrl + "]";
    }

    private static void pause(Duration pause, SchemaRegistryException failure) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    /**
     * One request; a 2xx answer's body as JSON, anything else as a {@link SchemaRegistryException} whose text
     * starts with {@code action} (what was asked, e.g. "schema for subject x-value").
     */
    private JsonNode send(String method, String path, String jsonBody, String action) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", MEDIA_TYPE + ", application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", MEDIA_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("%s: no answer from the schema registry at %s: %s"
                    .formatted(action, baseUrl, e), SchemaRegistryException.NO_RESPONSE, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(action + ": interrupted while waiting for the schema registry at "
                    + baseUrl, SchemaRegistryException.NO_RESPONSE, null, e);
        }
        int status = response.statusCode();
        log.debug("{} {}{} -> {}", method, baseUrl, path, status);
        if (status < 200 || status >= 300) {
            throw SchemaRegistryException.fromResponse(action, status, messageOf(response.body()));
        }
        try {
            return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (JsonProcessingException e) {
            throw unreadable(action, "not JSON: " + abbreviate(response.body()));
        }
    }

    /** The registry's {@code message} field if the body is its usual JSON error, otherwise the body itself. */
    private static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        try {
            JsonNode message = JSON.readTree(body).get("message");
            if (message != null && message.isTextual()) {
                return message.asText();
            }
        } catch (JsonProcessingException notJson) {
            // fall through: proxies and servlet containers answer with plain text or HTML
        }
        return abbreviate(body.strip());
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static int requiredInt(JsonNode answer, String field, String action) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw unreadable(action, "no integer \"" + field + "\" in " + answer);
        }
        return value.asInt();
    }

    private static SchemaRegistryException unreadable(String action, String detail) {
        return new SchemaRegistryException(action + ": unexpected answer from the schema registry: " + detail,
                200, null);
    }

    private static String schemaBody(Schema schema) {
        return jsonObject("schema", schema.toString());
    }

    /** A one-field JSON object: all the request bodies this API needs. */
    private static String jsonObject(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }

    /** Subjects are topic names plus a suffix; encode them anyway so an odd name cannot change the path. */
    private static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
