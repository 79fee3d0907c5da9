package org.gigwatch.streams.pay;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.gigwatch.avro.CategoryParameters;
import org.gigwatch.avro.HolidayCalendarEntry;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePublisher;

/**
 * The effective-dated rule tables, looked up as of a local day. The stores hold the compacted rule topics as
 * published ({@code region/effectiveFrom}, {@code pack/category/effectiveFrom} and {@code calendar/date} keys, ISO
 * dates, so key order is date order): the entry in force on a day is the one with the greatest key at or before
 * {@code region/day} (or {@code pack/category/day}). An entry published later for a later date changes nothing before
 * that date, so a replay of old days gives the old answer.
 */
final class RuleTables {
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<MinimumWage>> wages;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<CategoryParameters>> categories;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<HolidayCalendarEntry>> holidays;
    private final String pack;
    private final String calendar;
    private final String categoriesTopic;

    /**
     * A category's parameters in force on a day, and which entry set them ({@code topic#key}, for the alert: the topic
     * the store was read from, the live one or a what-if replay's).
     */
    record Parameters(CategoryRules rules, String version) {}

    RuleTables(ReadOnlyKeyValueStore<String, ValueAndTimestamp<MinimumWage>> wages,
               ReadOnlyKeyValueStore<String, ValueAndTimestamp<CategoryParameters>> categories,
               ReadOnlyKeyValueStore<String, ValueAndTimestamp<HolidayCalendarEntry>> holidays, String pack, String calendar,
               String categoriesTopic) {
        this.wages = wages;
        this.categories = categories;
        this.holidays = holidays;
        this.pack = pack;
        this.calendar = calendar;
        this.categoriesTopic = categoriesTopic;
    }

    /** The key of a minimum-wage entry on its topic (as {@code RulePublisher} writes it). */
    static String wageKey(String region, LocalDate effectiveFrom) {
        return region + "/" + effectiveFrom;
    }

    /** The minimum wage in force in {@code region} on {@code day}: the latest entry effective on or before it. */
    Optional<MinimumWage> minimumWageOn(String region, LocalDate day) {
        return latest(wages, region + "/", wageKey(region, day));
    }

    /** The pack's parameters for {@code category} in force on {@code day}; empty before its first entry. */
    Optional<Parameters> categoryOn(String category, LocalDate day) {
        return latest(categories, pack + "/" + category + "/", RulePublisher.categoryKey(pack, category, day))
                .map(p -> new Parameters(CategoryRules.of(p), categoriesTopic + "#" + RulePublisher.categoryKey(p)));
    }

    /** Whether {@code day} is a statutory holiday: in the region's own calendar or the pack's. */
    boolean isHoliday(String region, LocalDate day) {
        return present(holidays.get(region + "/" + day)) || present(holidays.get(calendar + "/" + day));
    }

    /** The value of the greatest key in [prefix, upTo]: one reverse range seek. */
    private static <V> Optional<V> latest(ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store, String prefix, String upTo) {
        try (KeyValueIterator<String, ValueAndTimestamp<V>> it = store.reverseRange(prefix, upTo)) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<V>> entry = it.next();
                if (entry.value != null && entry.value.value() != null) {
                    return Optional.of(entry.value.value());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean present(ValueAndTimestamp<HolidayCalendarEntry> entry) {
        return entry != null && entry.value() != null;
    }
}
