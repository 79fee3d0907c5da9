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
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.streams.pay.PayConfig;
import org.gigwatch.streams.pay.PayTopology;
import org.gigwatch.streams.workingtime.StreamTopics;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;

/**
 * One side of {@code gigwatch bench streams}, in its own JVM so that its memory is its own: the working-time topology,
 * the pay topology, or a pass-through yardstick (the same input topics and Avro serdes, consume → produce, no state):
 * of sessions and registrations, or with {@code --full} of every event topic the two topologies read. All with the
 * same Kafka Streams settings ({@link WorkingTimeTopology#streamsProperties}: exactly_once_v2, its commit interval
 * of 1 s, one stream thread). Runs until SIGTERM.
 *
 * <p>Usage: {@code StreamsBenchmarkApp working-time|pay|pass-through|pass-through-full <bootstrap> <registry url>
 * <application id> <state dir> [working days topic]}: the working-time topology writes the days it closes to that
 * topic, and the pay topology reads them from it (each round its own, so a round's pay reads its round's days).
 */
final class StreamsBenchmarkApp {
    static final String WORKING_TIME = "working-time";
    static final String PAY = "pay";
    static final String PASS_THROUGH = "pass-through";
    static final String PASS_THROUGH_FULL = "pass-through-full";
    static final String PASS_THROUGH_SESSIONS = "gigwatch.bench.pass-through.sessions";
    static final String PASS_THROUGH_REGISTRATIONS = "gigwatch.bench.pass-through.registrations";
    static final String PASS_THROUGH_ORDERS = "gigwatch.bench.pass-through.orders";
    static final String PASS_THROUGH_PAYOUTS = "gigwatch.bench.pass-through.payouts";
    static final String STARTED = "streams app started";

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: StreamsBenchmarkApp working-time|pay|pass-through|pass-through-full <bootstrap> "
                    + "<registry url> <application id> <state dir> [working days topic]");
            System.exit(2);
        }
        StreamTopics topics = args.length == 6 ? withWorkingDays(args[5]) : StreamTopics.LIVE;
        Topology topology = switch (args[0]) {
            case WORKING_TIME -> WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(args[2]), topics);
            case PAY -> PayTopology.buildTopology(PayConfig.defaults(args[2]), topics);
            case PASS_THROUGH -> passThrough(args[2], false);
            case PASS_THROUGH_FULL -> passThrough(args[2], true);
            default -> throw new IllegalArgumentException("kind must be " + WORKING_TIME + ", " + PAY + ", " + PASS_THROUGH
                    + " or " + PASS_THROUGH_FULL + ", not " + args[0]);
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

    /** The live topics but for the working days, which go to (and are read from) {@code workingDays}. */
    private static StreamTopics withWorkingDays(String workingDays) {
        StreamTopics live = StreamTopics.LIVE;
        return new StreamTopics(live.sessions(), live.orders(), live.registrations(), live.payouts(), workingDays,
                live.violations(), live.late(), live.minimumWages(), live.holidays(), live.categories());
    }

    /**
     * Consume → produce, deserializing and serializing Avro as the topologies do: sessions and registrations, and with
     * {@code full} orders and payouts too.
     */
    static Topology passThrough(String registryUrl, boolean full) {
        StreamsBuilder builder = new StreamsBuilder();
        copy(builder, Topics.SESSIONS, PASS_THROUGH_SESSIONS, AvroSerde.specific(SessionEvent.class, registryUrl));
        copy(builder, Topics.REGISTRATIONS, PASS_THROUGH_REGISTRATIONS, AvroSerde.specific(WorkerRegistration.class, registryUrl));
        if (full) {
            copy(builder, Topics.ORDERS, PASS_THROUGH_ORDERS, AvroSerde.specific(OrderEvent.class, registryUrl));
            copy(builder, Topics.PAYOUTS, PASS_THROUGH_PAYOUTS, AvroSerde.specific(PayoutEvent.class, registryUrl));
        }
        return builder.build();
    }

    private static <V> void copy(StreamsBuilder builder, String from, String to, Serde<V> values) {
        builder.stream(from, Consumed.with(Serdes.String(), values)).to(to, Produced.with(Serdes.String(), values));
    }

    private StreamsBenchmarkApp() {}
}
