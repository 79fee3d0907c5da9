package org.gigwatch.app;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;

/**
 * One side of {@code gigwatch bench streams}, in its own JVM so that its memory is its own: the working-time topology,
 * or the pass-through yardstick (the same input topics and Avro serdes, consume → produce, no state). Both with the
 * same Kafka Streams settings ({@link WorkingTimeTopology#streamsProperties}: exactly_once_v2, its commit interval
 * of 1 s, one stream thread). Runs until SIGTERM.
 *
 * <p>Usage: {@code StreamsBenchmarkApp working-time|pass-through <bootstrap> <registry url> <application id> <state dir>}
 */
final class StreamsBenchmarkApp {
    static final String WORKING_TIME = "working-time";
    static final String PASS_THROUGH = "pass-through";
    static final String PASS_THROUGH_SESSIONS = "gigwatch.bench.pass-through.sessions";
    static final String PASS_THROUGH_REGISTRATIONS = "gigwatch.bench.pass-through.registrations";
    static final String STARTED = "streams app started";

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: StreamsBenchmarkApp working-time|pass-through <bootstrap> <registry url> <application id> <state dir>");
            System.exit(2);
        }
        Topology topology = switch (args[0]) {
            case WORKING_TIME -> WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(args[2]));
            case PASS_THROUGH -> passThrough(args[2]);
            default -> throw new IllegalArgumentException("kind must be " + WORKING_TIME + " or " + PASS_THROUGH + ", not " + args[0]);
        };
        Properties props = WorkingTimeTopology.streamsProperties(args[1], args[4]);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[3]);
        KafkaStreams streams = new KafkaStreams(topology, props);
        long start = System.nanoTime();
        streams.setStateListener((now, before) -> System.out.printf("%s -> %s after %d ms%n", before, now,
                (System.nanoTime() - start) / 1_000_000));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            closed.countDown();
        }));
        streams.start();
        System.out.println(STARTED);
        closed.await();
    }

    /** Consume → produce, deserializing and serializing Avro as the topology does. */
    static Topology passThrough(String registryUrl) {
        Serde<SessionEvent> sessions = AvroSerde.specific(SessionEvent.class, registryUrl);
        Serde<WorkerRegistration> registrations = AvroSerde.specific(WorkerRegistration.class, registryUrl);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.SESSIONS, Consumed.with(Serdes.String(), sessions))
                .to(PASS_THROUGH_SESSIONS, Produced.with(Serdes.String(), sessions));
        builder.stream(Topics.REGISTRATIONS, Consumed.with(Serdes.String(), registrations))
                .to(PASS_THROUGH_REGISTRATIONS, Produced.with(Serdes.String(), registrations));
        return builder.build();
    }

    private StreamsBenchmarkApp() {}
}
