package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: the system's headless Chromium driven through the system's chromedriver (never a
 * downloaded one), against the alerts service on a real broker and registry. Saves the README's screenshots.
 */
class ConsoleBrowserIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();
    @TempDir
    static Path dir;

    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final ZoneId SHANGHAI_TIME = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2025, 9, 29);
    private static AlertsService service;
    private static KafkaProducer<String, Violation> violations;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Accounts accounts = Accounts.of(List.of(new Account("shaoxing-hrss", "330600", "hrss", Accounts.hash("demo-pass".toCharArray()))));
        service = AlertsService.start(AlertsService.Settings.of(kafka.bootstrapServers(), registry.url(), accounts, dir.resolve("state")));
        violations = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(),
                AvroSerde.specific(Violation.class, registry.url()).serializer());
        publishWorkerDays();
        browser = chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (violations != null) {
            violations.close();
        }
        if (service != null) {
            service.close();
        }
    }

    /** Headless Chromium from the system, with the flags that work on these machines and a fresh profile. */
    private static WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")) // an explicit driver: Selenium Manager never runs
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(driver, options);
    }

    private static void publish(Violation v) throws Exception {
        violations.send(new ProducerRecord<>(Topics.VIOLATIONS, v.getWorkerKey(), v)).get();
    }

    /** Worker-days for the charts' denominators: 400 for swiftmeal, 250 for dashbite, 120 for roadly, in Shaoxing. */
    private static void publishWorkerDays() throws Exception {
        try (KafkaProducer<String, WorkingDay> days = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), AvroSerde.specific(WorkingDay.class, registry.url()).serializer())) {
            Map<String, Integer> accounts = Map.of("swiftmeal", 400, "dashbite", 250, "roadly", 120);
            for (Map.Entry<String, Integer> platform : accounts.entrySet()) {
                for (int i = 0; i < platform.getValue(); i++) {
                    LocalDate day = DAY.minusDays(i % 14);
                    days.send(new ProducerRecord<>(Topics.WORKING_DAYS, platform.getKey() + "/w" + i, WorkingDay.newBuilder()
                            .setPlatformId(platform.getKey()).setWorkerId("w" + i).setRegion("330600").setDay(day)
                            .setDayStart(day.atStartOfDay(SHANGHAI_TIME).toInstant())
                            .setDayEnd(day.plusDays(1).atStartOfDay(SHANGHAI_TIME).toInstant())
                            .setOnlineMillis(6 * 3_600_000L).setOrderMillis(4 * 3_600_000L).build()));
                }
            }
            days.flush();
        }
    }

    private static Instant at(LocalDate day, String localTime) {
        return day.atTime(java.time.LocalTime.parse(localTime)).atZone(SHANGHAI_TIME).toInstant();
    }

    /** A REST_BREAK in Shaoxing: online 08:02–10:10 and 10:22–12:31, opened at the 4 h crossing. */
    private static Violation restBreak(String id, String worker) {
        return Violations.restBreak(id).setWorkerKey("swiftmeal/" + worker)
                .setWindowStart(at(DAY, "08:02")).setWindowEnd(at(DAY, "12:14")).setDetectedAt(Instant.now())
                .setDetails(Map.of("category", "MANAGED_NON_EMPLOYEE",
                        "intervals", at(DAY, "08:02") + "/" + at(DAY, "10:10") + "," + at(DAY, "10:22") + "/" + at(DAY, "12:31")))
                .build();
    }

    /** Some history for the charts: other rules and platforms, with shortfalls in two weeks. */
    private static void publishBackground() throws Exception {
        for (int i = 0; i < 6; i++) {
            String platform = i % 2 == 0 ? "dashbite" : "swiftmeal";
            LocalDate day = DAY.minusDays(i * 2L);
            publish(Violations.of("bg-wage-" + i, "MIN_WAGE", platform, "FOOD_DELIVERY", "330600")
                    .setWindowStart(at(day, "00:00")).setWindowEnd(at(day.plusDays(1), "00:00")).setDetectedAt(at(day.plusDays(1), "00:10"))
                    .setMeasured(1_850 + i * 40L).setThreshold(2_200).setUnit("MINOR_UNITS_PER_HOUR").setShortfall(1_400 + i * 650L)
                    .setCurrency("CNY").setDetails(Map.of()).build());
        }
        publish(Violations.of("bg-hours", "DAILY_HOURS", "roadly", "RIDE_HAILING", "330600").setScope(Scope.PLATFORM)
                .setStatus(ViolationStatus.UPDATED).setMeasured(9 * 3600 + 720).setThreshold(8 * 3600)
                .setWindowStart(at(DAY, "00:00")).setWindowEnd(at(DAY.plusDays(1), "00:00")).setDetectedAt(at(DAY.plusDays(1), "00:10"))
                .setDetails(Map.of("category", "LABOR_CONTRACT", "intervals",
                        at(DAY, "07:10") + "/" + at(DAY, "11:40") + "," + at(DAY, "12:30") + "/" + at(DAY, "18:52"))).build());
    }

    @Test
    void theShaoxingRegulatorSeesANewViolationLiveOpensItAndCannotReachAShanghaiAlert() throws Exception {
        String shanghai = "shanghai-" + UUID.randomUUID();
        publish(Violations.of(shanghai, "REST_BREAK", "swiftmeal", "FOOD_DELIVERY", "310000").build());
        publishBackground();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        browser.get(service.consoleUrl());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user"))).sendKeys("shaoxing-hrss");
        browser.findElement(By.id("password")).sendKeys("demo-pass");
        browser.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.textToBe(By.id("feed-state"), "● live"));
        // the background is routed and shown: the router is warm, so what follows measures the live path alone
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-alert-id='bg-hours']")));

        String fresh = "live-" + UUID.randomUUID();
        long published = System.nanoTime();
        publish(restBreak(fresh, "w77"));
        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-alert-id='" + fresh + "']")));
        long arrivedMillis = (System.nanoTime() - published) / 1_000_000;
        assertThat(arrivedMillis).isLessThanOrEqualTo(2_000);
        assertThat(row.getText()).contains("REST_BREAK", "OPEN", "swiftmeal/w77");
        assertThat(browser.findElements(By.cssSelector("tr[data-alert-id='" + shanghai + "']"))).isEmpty();
        screenshot("console-feed.png");

        row.click();
        WebElement evidence = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("evidence")));
        assertThat(evidence.getText()).isEqualTo("online 08:02–12:31 on swiftmeal, longest gap 12 min, no rest of 20 min: "
                + "past 4 h 00 min without a qualifying rest, still working");
        assertThat(browser.findElements(By.cssSelector("#timeline rect.interval"))).hasSize(2);
        screenshot("console-detail.png");

        browser.get(service.consoleUrl() + "alerts/" + shanghai);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-error")));
        assertThat(error.getText()).isEqualTo("No such alert for your region and department.");
        assertThat(browser.findElements(By.id("evidence"))).isEmpty();

        browser.get(service.consoleUrl() + "charts");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-rate canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-shortfall canvas")));
        Thread.sleep(300); // let echarts paint its first frame
        screenshot("console-charts.png");
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
