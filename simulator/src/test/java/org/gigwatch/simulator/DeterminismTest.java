package org.gigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.schemas.Topics;
import org.gigwatch.simulator.emit.JsonLinesSink;
import org.gigwatch.simulator.emit.NullSink;
import org.gigwatch.simulator.emit.TopicCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and options, same bytes: events and ground truth. */
class DeterminismTest {
    private static SimulatorConfig config(long seed, Path dir) {
        return SimulatorConfig.builder().seed(seed).workers(120).startDate(LocalDate.of(2025, 9, 29)).days(10)
                .violationRate(0.1).groundTruthFile(dir.resolve("ground-truth.jsonl")).build();
    }

    private static void simulate(long seed, Path dir) {
        try (JsonLinesSink sink = new JsonLinesSink(dir)) {
            new Simulator(config(seed, dir)).run(sink);
        }
    }

    @Test
    void sameSeedSameBytes(@TempDir Path first, @TempDir Path second) throws IOException {
        simulate(5, first);
        simulate(5, second);
        for (String file : files()) {
            byte[] a = Files.readAllBytes(first.resolve(file));
            assertThat(a).as(file).isNotEmpty();
            assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(a);
        }
    }

    @Test
    void anotherSeedAnotherWorld(@TempDir Path first, @TempDir Path second) throws IOException {
        simulate(5, first);
        simulate(6, second);
        for (String file : files()) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file).isNotEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void theGroundTruthDoesNotDependOnWhetherEventsWereSent() {
        Simulator sent = new Simulator(config(5, Path.of("unused")).toBuilder().groundTruthFile(null).build());
        sent.run(new NullSink());
        Simulator judgedFirst = new Simulator(config(5, Path.of("unused")).toBuilder().groundTruthFile(null).build());
        assertThat(sent.groundTruth()).isEqualTo(judgedFirst.groundTruth());
    }

    private static List<String> files() {
        List<String> files = new ArrayList<>(TopicCounters.TOPICS.stream().map(t -> t + ".jsonl").toList());
        files.add("ground-truth.jsonl");
        assertThat(files).contains(Topics.ORDERS + ".jsonl");
        return files;
    }
}
