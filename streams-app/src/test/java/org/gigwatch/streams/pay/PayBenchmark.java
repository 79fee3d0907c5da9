package org.gigwatch.streams.pay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.RulePublisher;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.MemorySink;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;

/**
 * Not a test: the pay topology's processing rate side by side with the working-time topology's, on the same
 * simulated data, each in a TopologyTestDriver (the processors, serdes and RocksDB stores; no broker), rounds
 * alternating. {@code java ... PayBenchmark [workers] [days] [rounds]}; results in docs/BENCHMARKS.md.
 */
public final class PayBenchmark {
    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 14;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        MemorySink sink = new MemorySink();
        new Simulator(SimulatorConfig.builder().seed(5).workers(workers).startDate(LocalDate.of(2025, 9, 29)).days(days)
                .violationRate(0.05).build()).run(sink);
        List<MemorySink.Sent> events = sink.sent();
        long sessions = events.stream().filter(e -> e.topic().equals(Topics.SESSIONS)).count();
        System.out.printf("%d workers × %d days: %d events (%d sessions)%n", workers, days, events.size(), sessions);
        List<TestRecord<String, WorkingDay>> workingDays = null;
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            boolean payFirst = round % 2 == 1;
            long pay = 0;
            long wt;
            if (payFirst && workingDays != null) {
                pay = timePay(events, workingDays);
            }
            long began = System.nanoTime();
            workingDays = runWorkingTime(events);
            wt = System.nanoTime() - began;
            if (!payFirst || pay == 0) {
                pay = timePay(events, workingDays);
            }
            long payInput = events.stream().filter(e -> !e.topic().equals(Topics.SESSIONS)).count() + workingDays.size();
            long wtInput = events.stream().filter(e -> e.topic().equals(Topics.SESSIONS) || e.topic().equals(Topics.REGISTRATIONS)).count();
            if (round > 0) {
                System.out.printf("round %d: working time %,.0f records/s (%d records, %.1f s); pay %,.0f records/s (%d records, %.1f s); ratio pay/working time %.2f%n",
                        round, wtInput / (wt / 1e9), wtInput, wt / 1e9, payInput / (pay / 1e9), payInput, pay / 1e9,
                        (payInput / (pay / 1e9)) / (wtInput / (wt / 1e9)));
            }
        }
    }

    private static Properties props(String app) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("pay-bench").toString());
        return props;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TestRecord<String, WorkingDay>> runWorkingTime(List<MemorySink.Sent> events) throws Exception {
        String registry = "mock://bench-" + UUID.randomUUID();
        try (TopologyTestDriver driver = new TopologyTestDriver(WorkingTimeTopology.buildTopology(
                WorkingTimeConfig.defaults(registry).withUpstreamPartitions(1)), props("bench-wt"))) {
            Map<String, TestInputTopic> inputs = Map.of(
                    Topics.SESSIONS, driver.createInputTopic(Topics.SESSIONS, new StringSerializer(), AvroSerde.generic(registry).serializer()),
                    Topics.REGISTRATIONS, driver.createInputTopic(Topics.REGISTRATIONS, new StringSerializer(), AvroSerde.generic(registry).serializer()));
            TestOutputTopic<String, WorkingDay> out = driver.createOutputTopic(Topics.WORKING_DAYS, new StringDeserializer(),
                    AvroSerde.specific(WorkingDay.class, registry).deserializer());
            for (MemorySink.Sent e : events) {
                TestInputTopic input = inputs.get(e.topic());
                if (input != null) {
                    input.pipeInput(new TestRecord(e.key(), e.value(), null, e.timestamp()));
                }
            }
            long end = events.get(events.size() - 1).timestamp() + 2 * 86_400_000L;
            inputs.get(Topics.SESSIONS).pipeInput(new TestRecord("~tick", null, null, end));
            return out.readRecordsToList();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static long timePay(List<MemorySink.Sent> events, List<TestRecord<String, WorkingDay>> workingDays) throws Exception {
        String registry = "mock://bench-" + UUID.randomUUID();
        // the working days arrive as the working-time app writes them: at their day's end plus its grace
        List<Object[]> input = new ArrayList<>();
        events.stream().filter(e -> !e.topic().equals(Topics.SESSIONS))
                .forEach(e -> input.add(new Object[] {e.timestamp(), e.topic(), e.key(), e.value()}));
        workingDays.forEach(d -> input.add(new Object[] {d.value().getDayEnd().toEpochMilli() + 600_000L,
                Topics.WORKING_DAYS, d.key(), d.value()}));
        input.sort(Comparator.comparingLong(o -> (Long) o[0]));
        try (TopologyTestDriver driver = new TopologyTestDriver(PayTopology.buildTopology(PayConfig.defaults(registry)),
                props("bench-pay"))) {
            TestInputTopic wages = driver.createInputTopic(Topics.MINIMUM_WAGES, new StringSerializer(), AvroSerde.generic(registry).serializer());
            TestInputTopic holidays = driver.createInputTopic(Topics.HOLIDAYS, new StringSerializer(), AvroSerde.generic(registry).serializer());
            TestInputTopic categories = driver.createInputTopic(Topics.CATEGORIES, new StringSerializer(), AvroSerde.generic(registry).serializer());
            RulePack pack = RulePack.shipped("cn");
            pack.minimumWages().forEach(w -> wages.pipeInput(w.getRegion() + "/" + w.getEffectiveFrom(), w));
            pack.holidays().forEach(h -> holidays.pipeInput(h.getCalendar() + "/" + h.getDate(), h));
            pack.categoryParameters().forEach(c -> categories.pipeInput(RulePublisher.categoryKey(c), c));
            Map<String, TestInputTopic> inputs = Map.of(
                    Topics.ORDERS, driver.createInputTopic(Topics.ORDERS, new StringSerializer(), AvroSerde.generic(registry).serializer()),
                    Topics.PAYOUTS, driver.createInputTopic(Topics.PAYOUTS, new StringSerializer(), AvroSerde.generic(registry).serializer()),
                    Topics.REGISTRATIONS, driver.createInputTopic(Topics.REGISTRATIONS, new StringSerializer(), AvroSerde.generic(registry).serializer()),
                    Topics.WORKING_DAYS, driver.createInputTopic(Topics.WORKING_DAYS, new StringSerializer(), AvroSerde.generic(registry).serializer()));
            TestOutputTopic<String, Violation> out = driver.createOutputTopic(Topics.VIOLATIONS, new StringDeserializer(),
                    AvroSerde.specific(Violation.class, registry).deserializer());
            long began = System.nanoTime();
            for (Object[] e : input) {
                inputs.get((String) e[1]).pipeInput(new TestRecord(e[2], (SpecificRecord) e[3], null, (Long) e[0]));
            }
            inputs.get(Topics.ORDERS).pipeInput(new TestRecord("~tick", null, null, (Long) input.get(input.size() - 1)[0] + 86_400_000L));
            long took = System.nanoTime() - began;
            System.out.printf("  pay violations: %d%n", out.getQueueSize());
            return took;
        }
    }

    private PayBenchmark() {}
}
