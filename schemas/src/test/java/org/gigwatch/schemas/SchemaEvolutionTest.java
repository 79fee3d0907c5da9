package org.gigwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's guard on schema evolution: every published version of each schema is kept under
 * src/main/avro/history/&lt;Name&gt;/vN.avsc, the newest of them is the current schema (so a change cannot
 * ship without being published as a new version), and the current schema can read data written with
 * every earlier version.
 */
class SchemaEvolutionTest {
    private static final Path AVRO = Path.of("src/main/avro");

    @TestFactory
    Stream<DynamicTest> currentSchemaReadsEveryPublishedVersion() throws IOException {
        return currentSchemas().flatMap(current -> {
            String name = fileName(current);
            Schema reader = parse(current);
            return history(name).stream().map(old -> DynamicTest.dynamicTest(name + " reads " + fileName(old), () -> {
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(reader, parse(old));
                assertThat(result.getType())
                        .as("%s cannot read data written with %s: %s", name, old, result.getResult().getIncompatibilities())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }));
        });
    }

    @TestFactory
    Stream<DynamicTest> currentSchemaIsItsNewestPublishedVersion() throws IOException {
        return currentSchemas().map(current -> DynamicTest.dynamicTest(fileName(current), () -> {
            List<Path> versions = history(fileName(current));
            assertThat(versions).as("history/%s has no published version", fileName(current)).isNotEmpty();
            assertThat(parse(versions.get(versions.size() - 1)))
                    .as("%s changed: publish it as history/%s/v%d.avsc", current, fileName(current), versions.size() + 1)
                    .isEqualTo(parse(current));
        }));
    }

    @Test
    void theGuardRejectsAnIncompatibleChange() {
        Schema v1 = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema addedWithoutDefault = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"long\"}]}");
        Schema addedWithDefault = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"long\",\"default\":0}]}");

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(addedWithoutDefault, v1).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(addedWithDefault, v1).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everySchemaIsPublished() throws IOException {
        assertThat(currentSchemas().map(SchemaEvolutionTest::fileName)).contains(
                "SessionEvent", "OrderEvent", "PayoutEvent", "WorkerRegistration", "Quota", "MinimumWage",
                "HolidayCalendarEntry", "CategoryParameters", "Violation", "Platform", "DepartmentRoute");
    }

    private static Stream<Path> currentSchemas() throws IOException {
        return Files.list(AVRO).filter(p -> p.toString().endsWith(".avsc")).sorted();
    }

    private static List<Path> history(String name) {
        Path dir = AVRO.resolve("history").resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path file) {
        String n = file.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.length() - ".avsc".length()));
    }

    private static String fileName(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".avsc".length());
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
