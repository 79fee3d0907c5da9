package org.gigwatch.streams.workingtime;

import java.util.List;
import java.util.Optional;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.rules.RulePack;

/**
 * Builds a {@link WorkingTimeReport} from what the topology's stores hold for one subject; no Kafka here, so the
 * same code answers the HTTP endpoint (stores read through IQv2) and the topology tests (stores read directly).
 */
final class WorkingTimeReports {
    private final RuleBook book;

    WorkingTimeReports(RulePack pack) {
        this.book = new RuleBook(pack);
    }

    /**
     * A platform account: its state (null when nothing is in progress) and its registration (null if none came);
     * empty if neither exists (an account the topology does not know).
     */
    Optional<WorkingTimeReport> platform(String key, PlatformWorker worker, WorkerRegistration registration,
                                         List<Violation> open) {
        if (worker == null && registration == null) {
            return Optional.empty();
        }
        String category = registration == null ? RuleBook.UNREGISTERED : registration.getCategory().name();
        String region = worker != null && worker.region != null ? worker.region
                : registration == null ? null : registration.getRegion();
        String platformId = key.substring(0, key.indexOf('/'));
        WorkingTime time = worker == null ? new WorkingTime() : worker.time;
        return Optional.of(report(key, Scope.PLATFORM, List.of(platformId), category, region, time, open));
    }

    /** A person (cross-platform scope); empty if the topology has no state for that workerKey. */
    Optional<WorkingTimeReport> person(String workerKey, Person person, List<Violation> open) {
        if (person == null) {
            return Optional.empty();
        }
        return Optional.of(report(workerKey, Scope.CROSS_PLATFORM, List.copyOf(person.registered), person.category,
                person.region, person.time, open));
    }

    private WorkingTimeReport report(String key, Scope scope, List<String> platforms, String category, String region,
                                     WorkingTime time, List<Violation> open) {
        WorkingTime.Rules rules = book.rules(category, region == null ? "" : region);
        return new WorkingTimeReport(key, scope.name(), platforms, category, region,
                time.clock == Long.MIN_VALUE ? null : WorkingTimeReport.instant(time.clock), time.onlineSince != null,
                stretch(time, rules), today(time, rules),
                open.stream().map(WorkingTimeReports::openViolation).toList());
    }

    /** The stretch in progress; one that begins with the login when the worker is online with none counted yet. */
    private static WorkingTimeReport.Stretch stretch(WorkingTime time, WorkingTime.Rules rules) {
        RestBreakRule rule = rules.restBreak();
        RestBreakRule.Stretch stretch = time.stretch;
        Long workingSince = time.since(rules.basis());
        if (rule == null || stretch == null && workingSince == null) {
            return null;
        }
        long start = stretch == null ? workingSince : stretch.start;
        long end = stretch == null ? workingSince : stretch.end;
        long worked = stretch == null ? 0 : stretch.workedMs;
        Long crossing = stretch != null && stretch.crossedAt != null ? stretch.crossedAt
                : workingSince == null ? null : workingSince + rule.limitMs() - worked;
        return new WorkingTimeReport.Stretch(WorkingTimeReport.instant(start), WorkingTimeReport.instant(end),
                worked / 1000, rule.limitMs() / 1000, WorkingTimeReport.instant(crossing),
                stretch != null && stretch.crossedAt != null);
    }

    private static WorkingTimeReport.Today today(WorkingTime time, WorkingTime.Rules rules) {
        LocalDay day = time.day;
        if (day == null) {
            return null;
        }
        Long maximum = rules.dailyHours() == null ? null : rules.dailyHours().maximumMs() / 1000;
        return new WorkingTimeReport.Today(day.date, rules.zone().getId(), day.ms(rules.basis()) / 1000, maximum);
    }

    private static WorkingTimeReport.OpenViolation openViolation(Violation v) {
        return new WorkingTimeReport.OpenViolation(v.getAlertId(), v.getRuleId(), v.getStatus().name(),
                v.getWindowStart().toString(), v.getWindowEnd().toString(), v.getDetectedAt().toString(),
                v.getMeasured(), v.getThreshold(), v.getUnit());
    }
}
