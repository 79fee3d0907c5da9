package org.gigwatch.streams.platform;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.MemorySink;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;

/**
 * Not a test: the platform topology's processing rate side by side with a pass-through (the same four input topics,
 * Avro in and out, consume → produce), on the same simulated data, each in a TopologyTestDriver (processors, serdes,
 * RocksDB stores; no broker), rounds alternating which goes first.
 * {@code java ... PlatformBenchmark [workers] [days] [rounds]}; results in docs/BENCHMARKS.md.
 */
public final class PlatformBenchmark {
    private static final List<String> INPUTS = List.of(Topics.SESSIONS, Topics.ORDERS, Topics.REGISTRATIONS, Topics.QUOTAS);

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        MemorySink sink = new MemorySink();
        new Simulator(SimulatorConfig.builder().seed(11).workers(workers).startDate(LocalDate.of(2025, 10, 13)).days(days)
                .violationRate(0.3).build()).run(sink);
        List<MemorySink.Sent> events = sink.sent().stream().filter(e -> INPUTS.contains(e.topic())).toList();
        System.out.printf("%d workers × %d days: %d input records%n", workers, days, events.size());
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            boolean platformFirst = round % 2 == 1;
            double platform = 0;
            double passThrough = 0;
            for (int leg = 0; leg < 2; leg++) {
                if ((leg == 0) == platformFirst) {
                    platform = rate(events, registry -> PlatformTopology.buildTopology(
                            WorkingTimeConfig.defaults(registry).withUpstreamPartitions(1)));
                } else {
                    passThrough = rate(events, PlatformBenchmark::passThrough);
                }
            }
            if (round > 0) {
                System.out.printf("round %d: pass-through %,.0f records/s, platform %,.0f records/s, ratio %.2f%n", round,
                        passThrough, platform, platform / passThrough);
            }
        }
    }

    /** Consume → produce (one output topic per input: a subject has one schema), Avro in and out as the topology. */
    static Topology passThrough(String registry) {
        StreamsBuilder builder = new StreamsBuilder();
        for (String topic : INPUTS) {
            builder.stream(topic, Consumed.with(Serdes.String(), AvroSerde.generic(registry)))
                    .to(topic + ".pass-through", Produced.with(Serdes.String(), AvroSerde.generic(registry)));
        }
        return builder.build();
    }

    /** Input records per second through the topology, the final tick included. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static double rate(List<MemorySink.Sent> events, Function<String, Topology> topology) throws Exception {
        String registry = "mock://bench-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-platform");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("platform-bench").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology.apply(registry), props)) {
            Map<String, TestInputTopic> inputs = new java.util.HashMap<>();
            INPUTS.forEach(t -> inputs.put(t, driver.createInputTopic(t, new StringSerializer(), AvroSerde.generic(registry).serializer())));
            long began = System.nanoTime();
            for (MemorySink.Sent e : events) {
                inputs.get(e.topic()).pipeInput(new TestRecord(e.key(), e.value(), null, e.timestamp()));
            }
            inputs.get(Topics.SESSIONS).pipeInput(new TestRecord("~tick", null, null,
                    events.get(events.size() - 1).timestamp() + 2 * 86_400_000L));
            return events.size() / ((System.nanoTime() - began) / 1e9);
        }
    }

    private PlatformBenchmark() {}
}
