package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.truth.GroundTruth;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.workingtime.StreamClock;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gigwatch streams} against a real broker and registry: a simulated day (history mode) goes in, and the command
 * prints a line for every violation the app commits to gigwatch.violations.
 */
class StreamsCommandIntegrationTest {
    private static final LocalDate DAY = LocalDate.of(2025, 9, 29);
    private static final Set<String> RULES = Set.of("REST_BREAK", "DAILY_HOURS");
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();

    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();

    @Test
    void printsEveryViolationTheAppCommits(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        assertThat(Gigwatch.commandLine().execute("simulate", "--bootstrap", kafka.bootstrapServers(),
                "--registry", registry.url(), "--mode", "history", "--workers", "100", "--from", DAY.toString(),
                "--days", "1", "--seed", "3", "--violation-rate", "0.3", "--ground-truth", truth.toString())).isZero();
        Set<ViolationKey> expected = GroundTruth.read(truth).keys().stream().filter(k -> RULES.contains(k.rule()))
                .collect(Collectors.toSet());
        assertThat(expected).extracting(ViolationKey::rule).contains("REST_BREAK");
        // the end of the data: one tick past every stretch, rest, midnight and grace (the command runs with --tick 0)
        long afterTheRange = DAY.plusDays(2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()), WorkingTimeTopology.CLOCK_TOPICS)) {
            clock.tick(afterTheRange);
        }

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CommandLine commandLine = Gigwatch.commandLine();
        StreamsCommand command = (StreamsCommand) commandLine.getSubcommands().get("streams").getCommand();
        command.out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(commandLine.execute("streams", "--bootstrap", kafka.bootstrapServers(),
                "--registry", registry.url(), "--state-dir", dir.resolve("state").toString(),
                "--application-id", "it-streams-command", "--tick", "0", "--http-port", "0")), "streams-command");
        running.start();
        try {
            List<Violation> committed = readUntil(running, all -> all.stream().map(ViolationKey::of).collect(Collectors.toSet())
                    .containsAll(expected));
            RulePack pack = RulePack.shipped("cn");
            List<String> lines = committed.stream().map(v -> ViolationLine.format(v, pack)).toList();
            assertThat(lines).anyMatch(l -> l.startsWith("violation REST_BREAK"));

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!printed(captured).containsAll(lines) && System.nanoTime() < deadline && running.isAlive()) {
                Thread.sleep(200);
            }
            assertThat(printed(captured)).as(captured.toString(StandardCharsets.UTF_8)).containsAll(lines);

            // the interactive queries answer for a worker with a violation, at the URL the command printed
            Matcher url = Pattern.compile("(?m)^queries +(http://\\S+)$").matcher(captured.toString(StandardCharsets.UTF_8));
            assertThat(url.find()).as(captured.toString(StandardCharsets.UTF_8)).isTrue();
            String worker = committed.stream().filter(v -> v.getScope() == Scope.PLATFORM).findFirst().orElseThrow().getWorkerKey();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url.group(1).replace("{key}", worker))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"key\":\"" + worker + "\"", "\"scope\":\"PLATFORM\"");
        } finally {
            command.stop.countDown();
            running.join(Duration.ofSeconds(60).toMillis());
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(exit.get()).as(output).isZero();
        assertThat(output).contains("streams app      it-streams-command").containsPattern("violations seen: .*REST_BREAK [1-9]");
    }

    private static List<String> printed(ByteArrayOutputStream captured) {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Everything committed to the violations topic (read_committed), until {@code done} holds or patience runs out. */
    private static List<Violation> readUntil(Thread command, java.util.function.Predicate<List<Violation>> done) {
        Map<String, Object> props = kafka.consumerProps("it-streams-command-check");
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        List<Violation> read = new ArrayList<>();
        try (KafkaConsumer<String, Violation> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.VIOLATIONS));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline && command.isAlive()) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
        }
        assertThat(done.test(read)).as("all expected violations committed within " + PATIENCE + "; read " + read.size()).isTrue();
        return read;
    }
}
