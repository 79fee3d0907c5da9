package org.gigwatch.streams.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's arithmetic on a hand-made fixture in Shanghai (310000, hourly minimum 2,400 fen in March 2025;
 * LABOR_CONTRACT judges days of 60 minutes or more), range Mon 2025-03-03 to Mon 2025-03-17.
 */
class ReplayReportTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final RulePack PACK = RulePack.shipped("cn");
    private static final Instant FROM = day("2025-03-03");
    private static final Instant TO = day("2025-03-17");
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private final DayPay pay = new DayPay(PACK);

    @Test
    void countsWorkerDaysViolationsShortfallPayBandsAndWeeksPerPlatformAndRegion() {
        ReplayReport report = fixture();

        assertThat(report.rules()).containsExactly("DAILY_HOURS", "MIN_WAGE", "REST_BREAK");
        assertThat(report.groups()).extracting(ReplayReport.Group::platform)
                .containsExactly(ReplayReport.CROSS_PLATFORM, "p1", "p2", "p3");

        ReplayReport.Group cross = report.groups().get(0);
        // K works on p1 (03-03, 03-04) and p2 (03-10): three person-days; p3's worker has no workerKey
        assertThat(cross.workerDays()).isEqualTo(3);
        assertThat(cross.violations()).isEqualTo(Map.of("REST_BREAK", 1L));
        assertThat(cross.per1000("REST_BREAK")).isCloseTo(333.33, within(0.01));
        assertThat(cross.weeks().get(LocalDate.parse("2025-03-03"))).containsExactly(2, 1);
        assertThat(cross.weeks().get(LocalDate.parse("2025-03-10"))).containsExactly(1, 0);

        ReplayReport.Group p1 = report.groups().get(1);
        assertThat(p1.region()).isEqualTo("310000");
        assertThat(p1.workerDays()).isEqualTo(2);
        // DAILY_HOURS OPEN then UPDATED: one violation; the warm-up's MIN_WAGE and the one crossing the end left out
        assertThat(p1.violations()).isEqualTo(Map.of("DAILY_HOURS", 1L, "MIN_WAGE", 1L));
        assertThat(p1.per1000("MIN_WAGE")).isEqualTo(500.0);
        assertThat(p1.shortfall()).isEqualTo(Map.of("MIN_WAGE", 3600L));
        // 03-03: 6,000 of 9,600 due (62.5%: below 80%); 03-04: 4,900 of 4,800 (102%: 100-110%)
        assertThat(p1.payBands()).containsExactly(1, 0, 0, 1, 0, 0, 0, 0);
        assertThat(p1.weeks()).containsOnlyKeys(LocalDate.parse("2025-03-03"));
        assertThat(p1.weeks().get(LocalDate.parse("2025-03-03"))).containsExactly(2, 2);

        ReplayReport.Group p2 = report.groups().get(2);
        assertThat(p2.workerDays()).isEqualTo(1);
        assertThat(p2.per1000("MIN_WAGE")).isEqualTo(1000.0);
        assertThat(p2.totalShortfall()).isEqualTo(2400);
        assertThat(p2.payBands()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);

        ReplayReport.Group p3 = report.groups().get(3);
        assertThat(p3.workerDays()).isEqualTo(1);
        assertThat(p3.payBands()).containsOnly(0); // 59 minutes: not judged
        assertThat(p3.violations()).isEmpty();
    }

    @Test
    void theBandBelowTheFloorIsExactlyWhatMinWageFlags() {
        // due = ⌊2400 × 5,400,000 / 3,600,000⌋ = 3,600; 3,599 is a violation, 3,600 is not
        assertThat(ReplayReport.payBand(PACK, workingDay("p9", "w9", null, "2025-03-05", 90 * 60_000L), payOf("p9", "w9", "2025-03-05", 3599)))
                .isEqualTo(2);
        assertThat(ReplayReport.payBand(PACK, workingDay("p9", "w9", null, "2025-03-05", 90 * 60_000L), payOf("p9", "w9", "2025-03-05", 3600)))
                .isEqualTo(3);
    }

    @Test
    void writesTheCsvFilesWithOneRowPerRunGroupAndRule() throws Exception {
        ReplayReport report = fixture();
        ReplayReport whatIf = new ReplayReport("what-if", FROM, TO, report.groups(), report.rules());
        ReportCsv.write(List.of(report, whatIf), dir);

        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo("run,platform,region,worker_days,rule,violations,per_1000_worker_days,shortfall_minor_units");
        assertThat(summary).contains("in-force,p1,310000,2,MIN_WAGE,1,500.00,3600", "what-if,p1,310000,2,MIN_WAGE,1,500.00,3600",
                "in-force,p2,310000,1,DAILY_HOURS,0,0.00,0");
        assertThat(summary).hasSize(1 + 2 * 4 * 3);
        assertThat(Files.readAllLines(dir.resolve("pay.csv"))).contains("in-force,p1,310000,<80%,1", "in-force,p1,310000,100-110%,1");
        assertThat(Files.readAllLines(dir.resolve("weeks.csv"))).contains("in-force,cross-platform,310000,2025-03-10,1,0");
        assertThat(ReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.field("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
    }

    @Test
    void theTerminalTableHasALinePerGroupAndTheHtmlCarriesTheData() throws Exception {
        ReplayReport report = fixture();
        String table = ReportTable.render(List.of(report));
        assertThat(table.lines().filter(l -> l.startsWith("in-force"))).hasSize(4);
        assertThat(table).contains("p1", "500.0‰", "36.00");
        Path html = ReportHtml.write(List.of(report), dir);
        assertThat(Files.readString(html)).contains("\"label\":\"in-force\"", "\"workerDays\":2").doesNotContain("/*REPORT_DATA*/");
        assertThat(dir.resolve("echarts.min.js")).isNotEmptyFile();
    }

    private ReplayReport fixture() {
        List<WorkingDay> days = List.of(
                workingDay("p1", "w1", "K", "2025-03-03", 4 * HOUR),
                workingDay("p1", "w1", "K", "2025-03-04", 2 * HOUR),
                workingDay("p2", "w2", "K", "2025-03-10", HOUR),
                workingDay("p3", "w3", null, "2025-03-05", 59 * 60_000L),
                workingDay("p1", "w1", "K", "2025-03-17", 4 * HOUR), // the range's end: out
                workingDay("p1", "w1", "K", "2025-03-02", 4 * HOUR)); // warm-up: out
        order("p1", "w1", "2025-03-03T20:00:00+08:00", 5000, 1000L, 2000L);
        order("p1", "w1", "2025-03-04T10:00:00+08:00", 4900, null, null);
        order("p1", "w1", "2025-03-04T10:00:00+08:00", 4900, null, null); // the same event again: counted once
        List<Violation> violations = List.of(
                violation("a1", "MIN_WAGE", "p1", "2025-03-03", "2025-03-04", 3600L, ViolationStatus.OPEN),
                violation("a2", "DAILY_HOURS", "p1", "2025-03-04", "2025-03-05", null, ViolationStatus.OPEN),
                violation("a2", "DAILY_HOURS", "p1", "2025-03-04", "2025-03-05", null, ViolationStatus.UPDATED),
                violation("a3", "MIN_WAGE", "p2", "2025-03-10", "2025-03-11", 2400L, ViolationStatus.OPEN),
                violation("a4", "REST_BREAK", null, "2025-03-04", "2025-03-04", null, ViolationStatus.OPEN),
                violation("a5", "MIN_WAGE", "p1", "2025-03-01", "2025-03-02", 100L, ViolationStatus.OPEN),
                violation("a6", "DAILY_HOURS", "p1", "2025-03-16", "2025-03-18", null, ViolationStatus.OPEN));
        return ReplayReport.of("in-force", FROM, TO, PACK, violations, days, pay);
    }

    /** A fresh DayPay with one order. */
    private static DayPay payOf(String platform, String worker, String date, long amount) {
        DayPay one = new DayPay(PACK);
        order(one, platform, worker, LocalDate.parse(date).atTime(12, 0).atZone(ZONE).toOffsetDateTime().toString(), amount, null, null);
        return one;
    }

    private void order(String platform, String worker, String at, long base, Long incentive, Long tip) {
        order(pay, platform, worker, at, base, incentive, tip);
    }

    private static void order(DayPay pay, String platform, String worker, String at, long base, Long incentive, Long tip) {
        Instant when = java.time.OffsetDateTime.parse(at).toInstant();
        pay.add(OrderEvent.newBuilder().setEventId(platform + worker + at + base).setPlatformId(platform).setWorkerId(worker)
                .setRegion("310000").setOccurredAt(when).setOrderId("o-" + at).setType(OrderEventType.DELIVERED)
                .setCurrency("CNY").setBasePay(base).setIncentivePay(incentive).setTip(tip).build());
    }

    private static WorkingDay workingDay(String platform, String worker, String workerKey, String date, long onlineMs) {
        LocalDate day = LocalDate.parse(date);
        return WorkingDay.newBuilder().setPlatformId(platform).setWorkerId(worker).setWorkerKey(workerKey).setRegion("310000")
                .setCategory(EmploymentCategory.LABOR_CONTRACT).setDay(day).setDayStart(day(date))
                .setDayEnd(day.plusDays(1).atStartOfDay(ZONE).toInstant()).setOnlineMillis(onlineMs).setOrderMillis(0).build();
    }

    private static Violation violation(String id, String rule, String platform, String start, String end, Long shortfall,
                                       ViolationStatus status) {
        return Violation.newBuilder().setAlertId(id).setRuleId(rule)
                .setScope(platform == null ? Scope.CROSS_PLATFORM : Scope.PLATFORM).setStatus(status).setPlatformId(platform)
                .setWorkerKey(platform == null ? "K" : platform + "/w").setRegion("310000").setWindowStart(day(start))
                .setWindowEnd(day(end)).setDetectedAt(day(end)).setMeasured(1).setThreshold(1).setUnit("X")
                .setShortfall(shortfall).setRuleDataVersion("test").build();
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZONE).toInstant();
    }
}
