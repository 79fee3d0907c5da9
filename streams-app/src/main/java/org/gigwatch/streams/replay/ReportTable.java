package org.gigwatch.streams.replay;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The report as a plain-text table for the terminal: one line per replay, platform and region. */
public final class ReportTable {
    public static String render(List<ReplayReport> reports) {
        TreeSet<String> rules = new TreeSet<>();
        reports.forEach(r -> rules.addAll(r.rules()));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s %-16s %-8s %11s", "run", "platform", "region", "worker-days"));
        rules.forEach(rule -> header.append(String.format(Locale.ROOT, " %16s", rule)));
        header.append(String.format(Locale.ROOT, " %14s %9s", "shortfall", "<floor"));
        StringBuilder out = new StringBuilder(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (ReplayReport report : reports) {
            for (ReplayReport.Group g : report.groups()) {
                out.append(String.format(Locale.ROOT, "%-12s %-16s %-8s %,11d", report.label(), g.platform(), g.region(), g.workerDays()));
                for (String rule : rules) {
                    out.append(String.format(Locale.ROOT, " %5d %9.1f‰", g.violations().getOrDefault(rule, 0L), g.per1000(rule)));
                }
                long belowFloor = 0;
                long judged = 0;
                for (int i = 0; i < g.payBands().length; i++) {
                    judged += g.payBands()[i];
                    belowFloor += i < ReplayReport.PAY_BAND_EDGES.indexOf(100) ? g.payBands()[i] : 0;
                }
                out.append(String.format(Locale.ROOT, " %,10d.%02d %8s%n", g.totalShortfall() / 100, g.totalShortfall() % 100,
                        judged == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", belowFloor * 100.0 / judged)));
            }
        }
        return out.append("(per rule: violations and per 1,000 worker-days; shortfall in yuan; <floor: judged days paid below the minimum wage)")
                .toString();
    }

    private ReportTable() {}
}
