package org.gigwatch.streams.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report as one HTML page (report.html) with ECharts charts, opened straight from the file: the data is inlined
 * as JSON and echarts.min.js (the webjar's) is copied next to it, so there is no build step and no network.
 * Several replays (a comparison) appear as series side by side.
 */
public final class ReportHtml {
    /** The ECharts webjar on the classpath; same version as the dependency in the pom. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes report.html and echarts.min.js to {@code dir}; returns the page. */
    public static Path write(List<ReplayReport> reports, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream echarts = ReportHtml.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (echarts == null) {
                throw new IllegalStateException("the ECharts webjar is not on the classpath (" + ECHARTS + ")");
            }
            Files.copy(echarts, dir.resolve("echarts.min.js"), StandardCopyOption.REPLACE_EXISTING);
        }
        String page;
        try (InputStream template = ReportHtml.class.getResourceAsStream("report.html")) {
            page = new String(template.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // inside a <script> element: "</" must not appear in the data
        String data = JSON.writeValueAsString(data(reports)).replace("</", "<\\/");
        Path html = dir.resolve("report.html");
        Files.writeString(html, page.replace("/*REPORT_DATA*/null", data));
        return html;
    }

    static ObjectNode data(List<ReplayReport> reports) {
        ObjectNode root = JSON.createObjectNode();
        TreeSet<String> rules = new TreeSet<>();
        reports.forEach(r -> rules.addAll(r.rules()));
        root.set("rules", JSON.valueToTree(rules));
        root.set("bands", JSON.valueToTree(ReplayReport.payBandLabels()));
        ArrayNode runs = root.putArray("runs");
        for (ReplayReport report : reports) {
            ObjectNode run = runs.addObject();
            run.put("label", report.label());
            run.put("from", report.from().toString());
            run.put("to", report.to().toString());
            ArrayNode groups = run.putArray("groups");
            for (ReplayReport.Group g : report.groups()) {
                ObjectNode group = groups.addObject();
                group.put("platform", g.platform());
                group.put("region", g.region());
                group.put("workerDays", g.workerDays());
                group.set("violations", JSON.valueToTree(g.violations()));
                group.put("shortfall", g.totalShortfall());
                group.set("payBands", JSON.valueToTree(g.payBands()));
                ArrayNode weeks = group.putArray("weeks");
                for (Map.Entry<java.time.LocalDate, long[]> week : g.weeks().entrySet()) {
                    weeks.addObject().put("week", week.getKey().toString()).put("workerDays", week.getValue()[0])
                            .put("violations", week.getValue()[1]);
                }
            }
        }
        return root;
    }

    private ReportHtml() {}
}
