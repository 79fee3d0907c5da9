package org.gigwatch.streams.replay;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.gigwatch.streams.workingtime.LocalDay;

/**
 * The analyst's report of one replay over its range [from, to): per platform and region, the worker-days, the
 * violations per rule (and per 1,000 worker-days), the money short, the effective hourly pay against the floor, and
 * the trend per ISO week. Pure computation over what the replay wrote; see docs/REPLAY.md for the definitions.
 *
 * <p>The cross-platform scope has no platform: its violations form the group {@value #CROSS_PLATFORM}, whose
 * worker-days are the person-days (workerKey and day) of people seen working on two or more platforms in the range.
 */
public record ReplayReport(String label, Instant from, Instant to, List<Group> groups, List<String> rules) {
    public static final String CROSS_PLATFORM = "cross-platform";
    /** Effective hourly pay as a share of the floor: the bands' lower edges in percent (the first band is below 80%). */
    public static final List<Integer> PAY_BAND_EDGES = List.of(80, 90, 100, 110, 125, 150, 200);

    /** One platform (or {@value #CROSS_PLATFORM}) in one region. */
    public record Group(String platform, String region, long workerDays, Map<String, Long> violations,
                        Map<String, Long> shortfall, long[] payBands, Map<LocalDate, long[]> weeks) {
        /** Violations of a rule per 1,000 worker-days; 0 when there are no worker-days. */
        public double per1000(String rule) {
            return workerDays == 0 ? 0 : violations.getOrDefault(rule, 0L) * 1000.0 / workerDays;
        }

        public long totalShortfall() {
            return shortfall.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The labels of the pay bands: "<80%", "80–90%", …, "≥200%". */
    public static List<String> payBandLabels() {
        List<String> labels = new ArrayList<>();
        labels.add("<" + PAY_BAND_EDGES.get(0) + "%");
        for (int i = 0; i + 1 < PAY_BAND_EDGES.size(); i++) {
            labels.add(PAY_BAND_EDGES.get(i) + "-" + PAY_BAND_EDGES.get(i + 1) + "%");
        }
        labels.add(">=" + PAY_BAND_EDGES.get(PAY_BAND_EDGES.size() - 1) + "%");
        return labels;
    }

    public static ReplayReport of(String label, Instant from, Instant to, RulePack pack, List<Violation> violations,
                                  List<WorkingDay> workingDays, DayPay dayPay) {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        Map<List<String>, Builder> groups = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));

        List<WorkingDay> days = workingDays.stream()
                .filter(d -> d.getDayStart().toEpochMilli() >= start && d.getDayEnd().toEpochMilli() <= end).toList();
        Map<String, Set<String>> platformsOfPerson = new HashMap<>();
        for (WorkingDay d : days) {
            if (d.getWorkerKey() != null) {
                platformsOfPerson.computeIfAbsent(d.getWorkerKey(), k -> new HashSet<>()).add(d.getPlatformId());
            }
        }
        Set<String> personDays = new HashSet<>();
        for (WorkingDay d : days) {
            if (d.getOnlineMillis() + d.getOrderMillis() == 0) {
                continue;
            }
            LocalDate week = d.getDay().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Builder group = groups.computeIfAbsent(List.of(d.getPlatformId(), d.getRegion()), k -> new Builder());
            group.workerDays++;
            group.week(week)[0]++;
            int band = payBand(pack, d, dayPay);
            if (band >= 0) {
                group.payBands[band]++;
            }
            String person = d.getWorkerKey();
            if (person != null && platformsOfPerson.get(person).size() >= 2
                    && personDays.add(person + "|" + d.getRegion() + "|" + d.getDay())) {
                Builder cross = groups.computeIfAbsent(List.of(CROSS_PLATFORM, d.getRegion()), k -> new Builder());
                cross.workerDays++;
                cross.week(week)[0]++;
            }
        }

        // a violation is counted once (its alertId), whatever updates followed; its money is the latest record's
        Map<String, Violation> latest = new LinkedHashMap<>();
        for (Violation v : violations) {
            if (v.getWindowStart().toEpochMilli() >= start && v.getWindowEnd().toEpochMilli() <= end) {
                latest.put(v.getAlertId(), v);
            }
        }
        Set<String> rules = new TreeSet<>();
        for (Violation v : latest.values()) {
            String platform = v.getScope() == Scope.CROSS_PLATFORM || v.getPlatformId() == null ? CROSS_PLATFORM : v.getPlatformId();
            Builder group = groups.computeIfAbsent(List.of(platform, v.getRegion()), k -> new Builder());
            rules.add(v.getRuleId());
            group.violations.merge(v.getRuleId(), 1L, Long::sum);
            if (v.getShortfall() != null) {
                group.shortfall.merge(v.getRuleId(), v.getShortfall(), Long::sum);
            }
            LocalDate day = LocalDay.dateOf(v.getWindowStart().toEpochMilli(), pack.region(v.getRegion()).zone());
            group.week(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))[1]++;
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((key, b) -> out.add(new Group(key.get(0), key.get(1), b.workerDays, b.violations, b.shortfall,
                b.payBands, b.weeks)));
        return new ReplayReport(label, from, to, List.copyOf(out), List.copyOf(rules));
    }

    /**
     * The day's pay band, as MIN_WAGE judges it: only days it judges (its category has a minimum wage, the working
     * time is at least the judged minimum, a minimum is in force); below 100% exactly when pay < due =
     * ⌊hourly × working ms / 3,600,000⌋, the rule's violation. -1: not judged.
     */
    static int payBand(RulePack pack, WorkingDay d, DayPay dayPay) {
        if (d.getCategory() == null) {
            return -1;
        }
        CategoryRules rules = pack.category(d.getCategory());
        long workedMs = pack.workingTime() == WorkingTimeBasis.ORDER ? d.getOrderMillis() : d.getOnlineMillis();
        MinimumWage wage = pack.minimumWageOn(d.getRegion(), d.getDay()).orElse(null);
        if (!rules.minimumWage() || wage == null || workedMs < rules.minimumJudgedMinutes() * 60_000L) {
            return -1;
        }
        long due = Math.multiplyExact(wage.getHourly(), workedMs) / 3_600_000L;
        long pay = dayPay.on(Topics.workerKey(d.getPlatformId(), d.getWorkerId()), d.getDay());
        int band = 0;
        while (band < PAY_BAND_EDGES.size() && pay * 100 >= (long) PAY_BAND_EDGES.get(band) * due) {
            band++;
        }
        return band;
    }

    private static final class Builder {
        long workerDays;
        final Map<String, Long> violations = new TreeMap<>();
        final Map<String, Long> shortfall = new TreeMap<>();
        final long[] payBands = new long[PAY_BAND_EDGES.size() + 1];
        /** Per ISO week (its Monday): worker-days, violations. */
        final Map<LocalDate, long[]> weeks = new TreeMap<>();

        long[] week(LocalDate monday) {
            return weeks.computeIfAbsent(monday, k -> new long[2]);
        }
    }
}
