package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.replay.Replay;
import org.gigwatch.streams.replay.ReplayReport;
import org.gigwatch.streams.replay.ReplayRequest;
import org.gigwatch.streams.replay.ReplayResult;
import org.gigwatch.streams.replay.ReportCsv;
import org.gigwatch.streams.replay.ReportHtml;
import org.gigwatch.streams.replay.ReportTable;
import org.gigwatch.streams.replay.WhatIfRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gigwatch replay}: re-runs a time range of the historical topics through the working-time and pay topologies,
 * under the rules in force then or what-if rules, into the run's own topics, and writes a report. See docs/REPLAY.md.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a time range of the event topics through the same topologies under the rules in force then "
                + "(or what-if rules), without touching the live monitor, and write a report (CSV, HTML, terminal table).")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    RulesOption rules;

    @Option(names = "--from", required = true,
            description = "Start of the range: a local date (2024-03-01, midnight in --zone) or an instant (2024-03-01T00:00:00Z).")
    String from;

    @Option(names = "--to", required = true, description = "End of the range, exclusive: a local date or an instant.")
    String to;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai",
            description = "The zone local dates are read in (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--region", split = ",", description = "Only workers registered in these regions (codes, e.g. 330300).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--platform", split = ",", description = "Only these platforms' accounts.")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--what-if", split = ",",
            description = "Rule files replacing the pack's (named like them: minimum-wages.json, holidays.json, categories.json, ...): "
                    + "the replay judges with these instead of the rules in force then.")
    List<Path> whatIf = new ArrayList<>();

    @Option(names = "--compare",
            description = "With --what-if: replay twice, under the rules in force and under the what-if rules, and report both side by side.")
    boolean compare;

    @Option(names = "--run", description = "The run's name, in its topics (gigwatch.replay.<run>.violations) and application ids "
            + "(default: replay-<time now>).")
    String run;

    @Option(names = "--warm-up", defaultValue = "42d",
            description = "History before --from replayed too, so month, week and 28-day windows have their state (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads per app; any number gives the same violations (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--report", description = "Folder for the report (default: ./replay-<run>).")
    Path reportDir;

    @Option(names = "--state-dir", defaultValue = "./data/replay",
            description = "Where the replay apps keep their throwaway state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    PrintStream out = System.out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<ReplayRequest> requests;
        Path reports;
        try {
            reports = reportDir != null ? reportDir : Path.of("replay-" + runName());
            requests = requests(reports);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // a usage error, not a stack trace
        }
        return replay(requests, reports);
    }

    private String runName() {
        if (run == null) {
            run = "replay-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
        }
        return run;
    }

    /** One request, or with --compare two: the rules in force and the what-if rules. */
    private List<ReplayRequest> requests(Path reports) throws java.io.IOException {
        Instant start = instant("--from", from);
        Instant end = instant("--to", to);
        if (compare && whatIf.isEmpty()) {
            throw new IllegalArgumentException("--compare: needs --what-if files to compare the rules in force with");
        }
        String name = runName();
        RulePack inForce = rules.pack();
        List<ReplayRequest> requests = new ArrayList<>();
        if (whatIf.isEmpty() || compare) {
            requests.add(request(whatIf.isEmpty() ? name : name + "-in-force", start, end, inForce, false));
        }
        if (!whatIf.isEmpty()) {
            RulePack pack = WhatIfRules.load(rules.folder, rules.pack, whatIf, reports);
            requests.add(request(compare ? name + "-what-if" : name, start, end, pack, true));
        }
        return requests;
    }

    private int replay(List<ReplayRequest> requests, Path reports) throws Exception {
        out.printf("topics           %d new%n", cluster.ensureTopics().size());
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        Replay replay = new Replay(cluster.bootstrap, cluster.registry, stateDir, threads, bar);
        List<ReplayReport> results = new ArrayList<>();
        for (ReplayRequest request : requests) {
            out.printf("replay %s: %s to %s (warm-up from %s), %s rules%s%s%n", request.run(), request.from(), request.to(),
                    request.readFrom(), request.whatIf() ? "what-if" : "in-force",
                    regions.isEmpty() ? "" : ", regions " + regions, platforms.isEmpty() ? "" : ", platforms " + platforms);
            ReplayResult result = replay.run(request);
            bar.finishLine();
            out.printf("  %,d input records, %,d violation records in %s, %,d late events; %.1f s, %,.0f records/s%n",
                    result.recordsCopied(), result.violations().size(), request.violationsTopic(), result.lateEvents().size(),
                    result.elapsed().toMillis() / 1000.0, result.recordsCopied() * 1000.0 / Math.max(1, result.elapsed().toMillis()));
            String label = !compare ? request.run() : request.whatIf() ? "what-if" : "in-force";
            results.add(result.report(label));
        }
        ReportCsv.write(results, reports);
        Path html = ReportHtml.write(results, reports);
        out.println();
        out.println(ReportTable.render(results));
        out.printf("%nreport           %s (summary.csv, pay.csv, weeks.csv)%n", html.toAbsolutePath().normalize());
        return 0;
    }

    private ReplayRequest request(String name, Instant start, Instant end, RulePack pack, boolean whatIfRules) {
        return new ReplayRequest(name, start, end, warmUp, Set.copyOf(regions), Set.copyOf(platforms), pack, whatIfRules);
    }

    /** A local date (midnight in the zone) or an instant. */
    Instant instant(String option, String text) {
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": '" + text + "' is neither a local date (2024-03-01) nor an instant "
                        + "(2024-03-01T00:00:00Z)");
            }
        }
    }
}
