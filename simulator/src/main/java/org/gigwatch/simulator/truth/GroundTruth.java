package org.gigwatch.simulator.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gigwatch.avro.Scope;

/** The violations a correct monitor must report, in {@link ExpectedViolation#ORDER}; stored as JSON lines. */
public record GroundTruth(List<ExpectedViolation> violations) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public GroundTruth {
        List<ExpectedViolation> sorted = new ArrayList<>(violations);
        sorted.sort(ExpectedViolation.ORDER);
        violations = List.copyOf(sorted);
    }

    public List<ViolationKey> keys() {
        return violations.stream().map(ExpectedViolation::key).toList();
    }

    /** How many of each rule, per scope (rules with none are left out). */
    public Map<Scope, Map<Rule, Integer>> counts() {
        Map<Scope, Map<Rule, Integer>> counts = new TreeMap<>();
        for (ExpectedViolation v : violations) {
            counts.computeIfAbsent(v.scope(), s -> new EnumMap<>(Rule.class)).merge(v.rule(), 1, Integer::sum);
        }
        return counts;
    }

    /** One JSON object per line, UTF-8, '\n' line ends. */
    public void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (ExpectedViolation v : violations) {
                    out.write(JSON.writeValueAsString(v));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + file, e);
        }
    }

    public static GroundTruth read(Path file) {
        try {
            List<ExpectedViolation> violations = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    violations.add(JSON.readValue(line, ExpectedViolation.class));
                }
            }
            return new GroundTruth(violations);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ground truth from " + file, e);
        }
    }
}
