package org.gigwatch.streams.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.SimulatedHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A what-if minimum wage on a real broker, hand-computed. Shanghai (310000), LABOR_CONTRACT, two platforms with three
 * workers each, 2 h online (09:00 to 11:00) and one order a day on ten working days (Mon to Sat, Sun off) from Mon
 * 2025-03-03. The minimum in force is 2,400 fen an hour, so 4,800 is due a day; the what-if file raises it to 2,500
 * (5,000 due).
 * <pre>
 *   pay a day      swiftmeal  w1 5,000  w2 4,700  w3 4,900      dashbite  w1 5,200  w2 4,500  w3 4,950
 *   in force       w2 short 100                                 w2 short 300
 *   what-if        w2 short 300, w3 short 100                   w2 short 500, w3 short 50
 * </pre>
 * MIN_WAGE: 10 a platform in force (shortfall 1,000 and 3,000), 20 a platform what-if (4,000 and 5,500); 30
 * worker-days a platform. The comparison report is then opened in headless Chromium and saved as the README's
 * screenshot.
 */
class ReplayWhatIfIntegrationTest {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplayWhatIfIntegrationTest.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    private static final Instant FROM = MONDAY.atStartOfDay(ZONE).toInstant();
    private static final Instant TO = MONDAY.plusDays(11).atStartOfDay(ZONE).toInstant();
    private static final Map<String, long[]> PAY = Map.of("swiftmeal", new long[] {5000, 4700, 4900},
            "dashbite", new long[] {5200, 4500, 4950});
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SchemaRegistryServer registry;

    @TempDir
    static Path dir;

    static ReplayReport inForce;
    static List<String> oneThreadBytes;
    static List<String> threeThreadBytes;
    static ReplayReport whatIf;
    static Set<String> inForceRuleData;
    static Set<String> whatIfRuleData;

    @BeforeAll
    static void publishTheFixtureAndReplayItTwice() throws Exception {
        // in event-time order, as platforms publish live: a partition is read in offset order
        registry = SimulatedHistory.startRegistry(kafka, RulePack.shipped("cn"), fixture().stream()
                .sorted(java.util.Comparator.comparingLong(ProducerRecord::timestamp)).toList());
        Path file = Files.writeString(dir.resolve("minimum-wages.json"), """
                [{"region": "310000", "effectiveFrom": "2025-01-01", "currency": "CNY", "hourly": 2500, "monthly": 274000,
                  "tier": null, "confirmed": false, "source": "what-if: 25 yuan an hour from 2025"}]
                """);
        RulePack whatIfPack = WhatIfRules.load(null, "cn", List.of(file), dir);
        Replay replay = new Replay(kafka.bootstrapServers(), registry.url(), dir.resolve("state"), 3, ReplayProgress.NONE);
        ReplayResult inForceRun = replay.run(request("in-force", RulePack.shipped("cn"), false));
        ReplayResult whatIfRun = replay.run(request("what-if", whatIfPack, true));
        oneThreadBytes = bytes(new Replay(kafka.bootstrapServers(), registry.url(), dir.resolve("state"), 1, ReplayProgress.NONE)
                .run(request("in-force-1", RulePack.shipped("cn"), false)).violations());
        threeThreadBytes = bytes(inForceRun.violations());
        inForceRun.lateEvents().stream().limit(5).forEach(e -> log.warn("late: {}", e));
        assertThat(inForceRun.lateEvents()).isEmpty();
        assertThat(whatIfRun.lateEvents()).isEmpty();
        inForce = inForceRun.report("in-force");
        inForceRuleData = minWageRuleData(inForceRun.violations());
        whatIfRuleData = minWageRuleData(whatIfRun.violations());
        whatIf = whatIfRun.report("what-if");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theWhatIfMinimumWageRaisesMinWageCountsAndShortfallAsHandComputed() {
        assertThat(inForce.groups()).extracting(ReplayReport.Group::platform).containsExactly("dashbite", "swiftmeal");
        assertThat(whatIf.groups()).extracting(ReplayReport.Group::platform).containsExactly("dashbite", "swiftmeal");
        ReplayReport.Group dashbite = inForce.groups().get(0);
        ReplayReport.Group swiftmeal = inForce.groups().get(1);
        assertThat(dashbite.workerDays()).isEqualTo(30);
        assertThat(swiftmeal.workerDays()).isEqualTo(30);
        assertThat(dashbite.violations()).isEqualTo(Map.of("MIN_WAGE", 10L));
        assertThat(swiftmeal.violations()).isEqualTo(Map.of("MIN_WAGE", 10L));
        assertThat(dashbite.totalShortfall()).isEqualTo(3000);
        assertThat(swiftmeal.totalShortfall()).isEqualTo(1000);
        assertThat(swiftmeal.per1000("MIN_WAGE")).isCloseTo(333.33, within(0.01));

        ReplayReport.Group dashbiteWhatIf = whatIf.groups().get(0);
        ReplayReport.Group swiftmealWhatIf = whatIf.groups().get(1);
        assertThat(dashbiteWhatIf.violations()).isEqualTo(Map.of("MIN_WAGE", 20L));
        assertThat(swiftmealWhatIf.violations()).isEqualTo(Map.of("MIN_WAGE", 20L));
        assertThat(dashbiteWhatIf.totalShortfall()).isEqualTo(5500);
        assertThat(swiftmealWhatIf.totalShortfall()).isEqualTo(4000);
        assertThat(swiftmealWhatIf.per1000("MIN_WAGE")).isCloseTo(666.67, within(0.01));
        // pay against the floor, swiftmeal: 104%, 98%, 102% in force; 100%, 94%, 98% what-if
        assertThat(swiftmeal.payBands()).containsExactly(0, 0, 10, 20, 0, 0, 0, 0);
        assertThat(swiftmealWhatIf.payBands()).containsExactly(0, 0, 20, 10, 0, 0, 0, 0);
        assertThat(swiftmeal.weeks().get(MONDAY)).containsExactly(18, 6);
        assertThat(swiftmeal.weeks().get(MONDAY.plusDays(7))).containsExactly(12, 4);
    }

    @Test
    void theEvidenceNamesTheRuleTopicsTheEntriesWereReadFromTheLiveOnesOrTheWhatIfRunsOwn() {
        String category = "#cn/LABOR_CONTRACT/2000-01-01";
        // in force: Shanghai's 2023-07-01 entry (2,400 an hour), as published live
        assertThat(inForceRuleData).containsExactly(
                "gigwatch.rules.minimum-wages#310000/2023-07-01 gigwatch.rules.categories" + category);
        // what-if: the file's 2025-01-01 entry, on the run's own rule topics (its whole pack is published there)
        assertThat(whatIfRuleData).containsExactly("gigwatch.replay.what-if.rules.minimum-wages#310000/2025-01-01"
                + " gigwatch.replay.what-if.rules.categories" + category);
    }

    /** The distinct rule data named by the MIN_WAGE violations. */
    private static Set<String> minWageRuleData(List<org.gigwatch.avro.Violation> violations) {
        return violations.stream().filter(v -> v.getRuleId().equals("MIN_WAGE"))
                .map(org.gigwatch.avro.Violation::getRuleDataVersion).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void theSameRangeAndRulesGiveByteIdenticalViolationsWithOneStreamThreadOrThree() {
        assertThat(threeThreadBytes).hasSizeGreaterThanOrEqualTo(20); // the 20 MIN_WAGE violations at least
        assertThat(oneThreadBytes).isEqualTo(threeThreadBytes);
    }

    /** Every record's Avro encoding, sorted: the topic's content whatever order its partitions were written in. */
    private static List<String> bytes(List<org.gigwatch.avro.Violation> violations) throws java.io.IOException {
        List<String> encoded = new ArrayList<>();
        for (org.gigwatch.avro.Violation v : violations) {
            java.nio.ByteBuffer buffer = v.toByteBuffer();
            byte[] array = new byte[buffer.remaining()];
            buffer.get(array);
            encoded.add(java.util.HexFormat.of().formatHex(array));
        }
        encoded.sort(null);
        return encoded;
    }

    @Test
    void theComparisonReportOpensInHeadlessChromium() throws Exception {
        Path reports = dir.resolve("report");
        ReportCsv.write(List.of(inForce, whatIf), reports);
        Path html = ReportHtml.write(List.of(inForce, whatIf), reports);
        WebDriver browser = chromium();
        try {
            browser.get(html.toUri().toString());
            // ECharts drew every chart (SVG renderer) and the table has a row per run and platform
            assertThat(browser.findElements(By.cssSelector(".chart svg"))).hasSize(4);
            assertThat(browser.findElements(By.cssSelector("#table tr"))).hasSize(1 + 4);
            assertThat(browser.findElement(By.id("table")).getText()).contains("what-if", "dashbite", "20 (666.7)", "55.00");
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("replay-report.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    private static ReplayRequest request(String run, RulePack pack, boolean whatIfRules) {
        return new ReplayRequest(run, FROM, TO, ReplayRequest.DEFAULT_WARM_UP, Set.of(), Set.of(), pack, whatIfRules);
    }

    private static List<ProducerRecord<String, SpecificRecord>> fixture() {
        List<ProducerRecord<String, SpecificRecord>> events = new ArrayList<>();
        Instant registered = FROM.minus(Duration.ofDays(1));
        for (var platform : new java.util.TreeMap<>(PAY).entrySet()) {
            for (int w = 0; w < 3; w++) {
                String worker = "w" + (w + 1);
                String key = Topics.workerKey(platform.getKey(), worker);
                events.add(record(Topics.REGISTRATIONS, key, registered, WorkerRegistration.newBuilder()
                        .setEventId(key + "-reg").setPlatformId(platform.getKey()).setWorkerId(worker).setRegion("310000")
                        .setOccurredAt(registered).setCategory(EmploymentCategory.LABOR_CONTRACT).setHomeRegion("310000")
                        .setRole("rider").build()));
                for (int d = 0; d < 11; d++) {
                    LocalDate day = MONDAY.plusDays(d);
                    if (day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
                        continue;
                    }
                    String id = key + "-" + day;
                    Instant nine = day.atTime(9, 0).atZone(ZONE).toInstant();
                    events.add(record(Topics.SESSIONS, key, nine, session(id + "-in", platform.getKey(), worker, nine, SessionEventType.LOGIN)));
                    Instant accepted = nine.plus(Duration.ofMinutes(70));
                    events.add(record(Topics.ORDERS, key, accepted, order(id + "-a", platform.getKey(), worker, accepted, id,
                            OrderEventType.ACCEPTED, null)));
                    Instant delivered = nine.plus(Duration.ofMinutes(90));
                    events.add(record(Topics.ORDERS, key, delivered, order(id + "-d", platform.getKey(), worker, delivered, id,
                            OrderEventType.DELIVERED, platform.getValue()[w])));
                    Instant eleven = nine.plus(Duration.ofHours(2));
                    events.add(record(Topics.SESSIONS, key, eleven, session(id + "-out", platform.getKey(), worker, eleven, SessionEventType.LOGOUT)));
                }
            }
        }
        return events;
    }

    private static ProducerRecord<String, SpecificRecord> record(String topic, String key, Instant at, SpecificRecord value) {
        return new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value);
    }

    private static SessionEvent session(String id, String platform, String worker, Instant at, SessionEventType type) {
        return SessionEvent.newBuilder().setEventId(id).setPlatformId(platform).setWorkerId(worker).setRegion("310000")
                .setOccurredAt(at).setType(type).build();
    }

    private static OrderEvent order(String id, String platform, String worker, Instant at, String orderId, OrderEventType type,
                                    Long basePay) {
        return OrderEvent.newBuilder().setEventId(id).setPlatformId(platform).setWorkerId(worker).setRegion("310000")
                .setOccurredAt(at).setOrderId(orderId).setType(type).setCurrency("CNY").setBasePay(basePay)
                .setIncentivePay(basePay == null ? null : 0L).setTip(null).build();
    }

    /** Headless Chromium from the system, as the alerts console's browser test drives it. */
    private static WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--allow-file-access-from-files", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
    }
}
