package org.gigwatch.streams.pay;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.gigwatch.avro.HolidayCalendarEntry;
import org.gigwatch.avro.MinimumWage;

/**
 * The effective-dated rule tables, looked up as of a local day. The stores hold the compacted rule topics as
 * published ({@code region/effectiveFrom} and {@code calendar/date} keys, ISO dates, so key order is date order):
 * the minimum wage in force on a day is the entry with the greatest key at or before {@code region/day}. An entry
 * published later for a later date changes nothing before that date, so a replay of old days gives the old answer.
 */
final class RuleTables {
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<MinimumWage>> wages;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<HolidayCalendarEntry>> holidays;
    private final String calendar;

    RuleTables(ReadOnlyKeyValueStore<String, ValueAndTimestamp<MinimumWage>> wages,
               ReadOnlyKeyValueStore<String, ValueAndTimestamp<HolidayCalendarEntry>> holidays, String calendar) {
        this.wages = wages;
        this.holidays = holidays;
        this.calendar = calendar;
    }

    /** The key of a minimum-wage entry on its topic (as {@code RulePublisher} writes it). */
    static String wageKey(String region, LocalDate effectiveFrom) {
        return region + "/" + effectiveFrom;
    }

    /** The minimum wage in force in {@code region} on {@code day}: the latest entry effective on or before it. */
    Optional<MinimumWage> minimumWageOn(String region, LocalDate day) {
        try (KeyValueIterator<String, ValueAndTimestamp<MinimumWage>> it =
                     wages.reverseRange(region + "/", wageKey(region, day))) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<MinimumWage>> entry = it.next();
                if (entry.value != null && entry.value.value() != null) {
                    return Optional.of(entry.value.value());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code day} is a statutory holiday: in the region's own calendar or the pack's. */
    boolean isHoliday(String region, LocalDate day) {
        return present(holidays.get(region + "/" + day)) || present(holidays.get(calendar + "/" + day));
    }

    private static boolean present(ValueAndTimestamp<HolidayCalendarEntry> entry) {
        return entry != null && entry.value() != null;
    }
}
