package org.gigwatch.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Each rule's severity in the console, from the pack's {@code severity.json}: data, so an operator can re-rank. */
public final class Severities {
    public static final Set<String> LEVELS = Set.of("HIGH", "MEDIUM", "LOW");

    private final Map<String, String> byRule;
    private final String fallback;

    private Severities(JsonNode file, String name) {
        this.fallback = level(file.path("default").asText(""), name + ", default");
        this.byRule = new LinkedHashMap<>();
        file.path("rules").fields().forEachRemaining(e -> byRule.put(e.getKey(), level(e.getValue().asText(), name + ", " + e.getKey())));
    }

    /** The shipped pack's, from the classpath. */
    public static Severities shipped(String pack) {
        String name = "rules/" + pack + "/severity.json";
        try (InputStream in = Severities.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("rule file " + name + " not found");
            }
            return new Severities(new ObjectMapper().readTree(in), name);
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + name + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A rules folder's ({@code <root>/<pack>/severity.json}). */
    public static Severities load(Path rulesRoot, String pack) {
        Path file = rulesRoot.resolve(pack).resolve("severity.json");
        try (InputStream in = Files.newInputStream(file)) {
            return new Severities(new ObjectMapper().readTree(in), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public String of(String ruleId) {
        return byRule.getOrDefault(ruleId, fallback);
    }

    private static String level(String level, String where) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException(where + ": severity '" + level + "' is not one of " + LEVELS);
        }
        return level;
    }
}
