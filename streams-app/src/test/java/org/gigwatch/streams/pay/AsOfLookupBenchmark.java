package org.gigwatch.streams.pay;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.schemas.rules.RulePack;

/**
 * Not a test: the cost of the as-of lookup of a minimum wage, a RocksDB versioned store ({@code get(region, asOf)})
 * side by side with the plain RocksDB key-value store keyed {@code region/effectiveFrom} that the pay rules use
 * (one reverse range seek) and with a plain {@code get} of an exact key (a lookup without dates), in one run, the
 * order rotating between rounds. Both hold the cn pack's entries plus {@code extra}
 * synthetic yearly entries per region going back in time, and must answer alike. Results in docs/BENCHMARKS.md.
 */
public final class AsOfLookupBenchmark {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int extra = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.versionedKeyValueStoreBuilder(Stores.persistentVersionedKeyValueStore("versioned",
                Duration.ofDays(365L * 100)), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("plain"), Serdes.String(), Serdes.Long())
                .withCachingDisabled());
        builder.stream("run", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Bench(lookups, extra, rounds), "versioned", "plain");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "as-of-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("as-of-bench").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            driver.createInputTopic("run", new StringSerializer(), new StringSerializer()).pipeInput("go", "go");
        }
    }

    private static final class Bench implements Processor<String, String, Void, Void> {
        private final int lookups;
        private final int extra;
        private final int rounds;
        private VersionedKeyValueStore<String, Long> versioned;
        private KeyValueStore<String, Long> plain;

        Bench(int lookups, int extra, int rounds) {
            this.lookups = lookups;
            this.extra = extra;
            this.rounds = rounds;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            versioned = context.getStateStore("versioned");
            plain = context.getStateStore("plain");
        }

        @Override
        public void process(Record<String, String> record) {
            List<MinimumWage> wages = RulePack.shipped("cn").minimumWages();
            List<String> regions = wages.stream().map(MinimumWage::getRegion).distinct().toList();
            for (String region : regions) {
                for (int i = extra; i > 0; i--) { // older synthetic entries, one a year
                    put(region, LocalDate.of(2021 - i, 1, 1), 1000L + i);
                }
            }
            wages.forEach(w -> put(w.getRegion(), w.getEffectiveFrom(), w.getHourly()));
            Random random = new Random(1);
            String[] region = new String[lookups];
            LocalDate[] day = new LocalDate[lookups];
            for (int i = 0; i < lookups; i++) {
                region[i] = regions.get(random.nextInt(regions.size()));
                day[i] = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(365 * 27));
            }
            for (int i = 0; i < lookups; i++) { // both answer alike (and warm up)
                if (!java.util.Objects.equals(viaVersioned(region[i], day[i]), viaPlain(region[i], day[i]))) {
                    throw new IllegalStateException("stores disagree on " + region[i] + " " + day[i]);
                }
            }
            System.out.printf("%d regions, %d entries each on average, %,d lookups a round%n", regions.size(),
                    (wages.size() + regions.size() * extra) / regions.size(), lookups);
            String[] latestKey = new String[lookups];
            for (int i = 0; i < lookups; i++) { // the exact key of the entry in force: what a lookup without dates costs
                String r = region[i];
                latestKey[i] = RuleTables.wageKey(r, wages.stream().filter(w -> w.getRegion().equals(r))
                        .reduce((a, b) -> b).orElseThrow().getEffectiveFrom());
            }
            for (int round = 1; round <= rounds; round++) {
                long[] took = new long[3];
                for (int order = 0; order < 3; order++) {
                    int kind = (round + order) % 3; // rotate who goes first
                    long began = System.nanoTime();
                    long sum = 0;
                    for (int i = 0; i < lookups; i++) {
                        Long hourly = kind == 0 ? viaVersioned(region[i], day[i])
                                : kind == 1 ? viaPlain(region[i], day[i]) : plain.get(latestKey[i]);
                        sum += hourly == null ? 0 : hourly;
                    }
                    took[kind] = System.nanoTime() - began;
                    if (sum == 42) {
                        System.out.print(""); // keeps the loop's result alive
                    }
                }
                System.out.printf("round %d: versioned get(asOf) %.2f µs, plain reverse range %.2f µs, plain get(exact key) %.2f µs;"
                                + " versioned/plain-range %.2f, plain-range/exact-get %.2f%n", round, took[0] / 1e3 / lookups,
                        took[1] / 1e3 / lookups, took[2] / 1e3 / lookups, (double) took[0] / took[1], (double) took[1] / took[2]);
            }
        }

        private void put(String region, LocalDate from, long hourly) {
            versioned.put(region, hourly, from.atStartOfDay(ZONE).toInstant().toEpochMilli());
            plain.put(RuleTables.wageKey(region, from), hourly);
        }

        private Long viaVersioned(String region, LocalDate day) {
            VersionedRecord<Long> found = versioned.get(region, day.atStartOfDay(ZONE).toInstant().toEpochMilli());
            return found == null ? null : found.value();
        }

        private Long viaPlain(String region, LocalDate day) {
            try (KeyValueIterator<String, Long> it = plain.reverseRange(region + "/", RuleTables.wageKey(region, day))) {
                return it.hasNext() ? it.next().value : null;
            }
        }
    }

    private AsOfLookupBenchmark() {}
}
