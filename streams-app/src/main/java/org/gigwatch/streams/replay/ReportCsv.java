package org.gigwatch.streams.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as CSV, long format with a {@code run} column, so one file holds one replay or several side by side:
 * summary.csv (per platform, region and rule), pay.csv (worker-days per band of effective hourly pay against the
 * floor) and weeks.csv (the trend per ISO week). Money in minor units (fen).
 */
public final class ReportCsv {
    public static void write(List<ReplayReport> reports, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder summary = new StringBuilder("run,platform,region,worker_days,rule,violations,per_1000_worker_days,shortfall_minor_units\n");
        StringBuilder pay = new StringBuilder("run,platform,region,pay_vs_floor,worker_days\n");
        StringBuilder weeks = new StringBuilder("run,platform,region,week,worker_days,violations\n");
        List<String> bands = ReplayReport.payBandLabels();
        for (ReplayReport report : reports) {
            for (ReplayReport.Group g : report.groups()) {
                String row = field(report.label()) + "," + field(g.platform()) + "," + field(g.region()) + ",";
                for (String rule : report.rules()) {
                    summary.append(row).append(g.workerDays()).append(',').append(rule).append(',')
                            .append(g.violations().getOrDefault(rule, 0L)).append(',')
                            .append(String.format(Locale.ROOT, "%.2f", g.per1000(rule))).append(',')
                            .append(g.shortfall().getOrDefault(rule, 0L)).append('\n');
                }
                for (int i = 0; i < bands.size(); i++) {
                    pay.append(row).append(bands.get(i)).append(',').append(g.payBands()[i]).append('\n');
                }
                for (Map.Entry<java.time.LocalDate, long[]> week : g.weeks().entrySet()) {
                    weeks.append(row).append(week.getKey()).append(',').append(week.getValue()[0]).append(',')
                            .append(week.getValue()[1]).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("summary.csv"), summary);
        Files.writeString(dir.resolve("pay.csv"), pay);
        Files.writeString(dir.resolve("weeks.csv"), weeks);
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private ReportCsv() {}
}
