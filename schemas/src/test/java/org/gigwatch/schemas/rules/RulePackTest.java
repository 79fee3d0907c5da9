package org.gigwatch.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.MinimumWage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RulePack cn = RulePack.shipped("cn");

    @Test
    void minimumWageIsLookedUpAsOfTheDay() {
        // Wenzhou (Zhejiang tier 1): 22 CNY/h until 2023-12-31, 24 CNY/h from 2024-01-01
        assertThat(cn.minimumWageOn("330300", LocalDate.of(2023, 12, 31))).map(MinimumWage::getHourly).contains(2200L);
        assertThat(cn.minimumWageOn("330300", LocalDate.of(2024, 1, 1))).map(MinimumWage::getHourly).contains(2400L);
        assertThat(cn.minimumWageOn("310000", LocalDate.of(2025, 6, 30))).map(MinimumWage::getHourly).contains(2400L);
        assertThat(cn.minimumWageOn("310000", LocalDate.of(2025, 7, 1))).map(MinimumWage::getHourly).contains(2500L);
        // no figure is shipped for Kunming before 2025: such days are not judged rather than judged wrongly
        assertThat(cn.minimumWageOn("530100", LocalDate.of(2024, 12, 31))).isEmpty();
        assertThat(cn.minimumWageOn("530100", LocalDate.of(2025, 1, 1))).map(MinimumWage::getConfirmed).contains(false);
    }

    @Test
    void everySeedRegionHasAZoneAndAMinimumWage() {
        assertThat(cn.regions()).extracting(Region::code).containsExactly("310000", "330600", "330300", "370400", "530100");
        for (Region region : cn.regions()) {
            assertThat(region.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(cn.minimumWageOn(region.code(), LocalDate.of(2026, 1, 1))).as(region.name()).isPresent();
            assertThat(cn.minimumWages()).filteredOn(w -> w.getRegion().equals(region.code()))
                    .allSatisfy(w -> assertThat(w.getSource()).isNotBlank());
        }
        assertThat(cn.region("330600").province()).isEqualTo("330000");
    }

    @Test
    void holidaysAreTheStatutoryDays() {
        assertThat(cn.isHoliday(LocalDate.of(2025, 10, 6))).isTrue();
        assertThat(cn.isHoliday(LocalDate.of(2025, 10, 4))).isFalse(); // a bridged rest day, not a 300% day
        assertThat(cn.holidays()).filteredOn(h -> h.getDate().getYear() == 2025).hasSize(13);
        assertThat(cn.holidays()).filteredOn(h -> h.getDate().getYear() == 2026).hasSize(13);
    }

    @Test
    void categoryParametersAreData() {
        CategoryRules labour = cn.category(EmploymentCategory.LABOR_CONTRACT);
        assertThat(labour.maxContinuousWorkMinutes()).isEqualTo(240);
        assertThat(labour.qualifyingRestMinutes()).isEqualTo(20);
        assertThat(labour.dailyMaximumMinutes()).isEqualTo(660);
        assertThat(labour.holidayPayMultiplierPercent()).isEqualTo(300);
        assertThat(cn.category(EmploymentCategory.MANAGED_NON_EMPLOYEE).maximumPayDelayDays()).isEqualTo(15);
        assertThat(cn.category(EmploymentCategory.INDEPENDENT).dailyMaximumMinutes()).isNull();
        assertThat(cn.category(EmploymentCategory.INDEPENDENT).minimumWage()).isFalse();
    }

    @Test
    void categoryParametersAreEffectiveDated(@TempDir Path root) throws IOException {
        Path pack = copyOfShippedPack(root);
        ObjectNode file = (ObjectNode) JSON.readTree(pack.resolve("categories.json").toFile());
        ArrayNode managed = (ArrayNode) file.path("categories").path("MANAGED_NON_EMPLOYEE");
        managed.add(((ObjectNode) managed.get(0).deepCopy()).put("effectiveFrom", "2026-03-01").put("maximumPayDelayDays", 10));
        JSON.writeValue(pack.resolve("categories.json").toFile(), file);

        RulePack changed = RulePack.load(root, "cn");
        assertThat(changed.categoryOn(EmploymentCategory.MANAGED_NON_EMPLOYEE, LocalDate.of(2026, 2, 28)))
                .map(CategoryRules::maximumPayDelayDays).contains(15);
        assertThat(changed.categoryOn(EmploymentCategory.MANAGED_NON_EMPLOYEE, LocalDate.of(2026, 3, 1)))
                .map(CategoryRules::maximumPayDelayDays).contains(10);
        assertThat(changed.categoryOn(EmploymentCategory.MANAGED_NON_EMPLOYEE, LocalDate.of(1999, 12, 31))).isEmpty();
        assertThat(changed.categoryOn(EmploymentCategory.LABOR_CONTRACT, LocalDate.of(2026, 3, 1)))
                .map(CategoryRules::maximumPayDelayDays).contains(31);
        assertThat(changed.categoryParameters()).extracting(RulePublisher::categoryKey).containsExactly(
                "cn/INDEPENDENT/2000-01-01", "cn/LABOR_CONTRACT/2000-01-01",
                "cn/MANAGED_NON_EMPLOYEE/2000-01-01", "cn/MANAGED_NON_EMPLOYEE/2026-03-01");
        assertThat(CategoryRules.of(changed.categoryParameters().get(3)))
                .isEqualTo(changed.categoryOn(EmploymentCategory.MANAGED_NON_EMPLOYEE, LocalDate.of(2026, 3, 1)).orElseThrow());
    }

    @Test
    void aCategoryEntryWithoutAnIsoDateIsReportedByField(@TempDir Path root) throws IOException {
        Path pack = copyOfShippedPack(root);
        Path categories = pack.resolve("categories.json");
        Files.writeString(categories, Files.readString(categories).replaceFirst("\"effectiveFrom\": \"2000-01-01\"",
                "\"effectiveFrom\": \"1.1.2000\""));

        assertThatThrownBy(() -> RulePack.load(root, "cn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LABOR_CONTRACT")
                .hasMessageContaining("effectiveFrom");
    }

    @Test
    void routingAndPlatformsAreLoaded() {
        assertThat(cn.routes()).extracting(r -> r.getDepartment())
                .contains("hrss", "transport", "market", "postal", "emergency", "union");
        assertThat(cn.platforms()).extracting(p -> p.getIndustry().name())
                .contains("FOOD_DELIVERY", "RIDE_HAILING", "COURIER");
    }

    @Test
    void theChinesePackCountsOnlineTime() {
        assertThat(cn.workingTime()).isEqualTo(WorkingTimeBasis.ONLINE);
    }

    @Test
    void aBrokenFileIsReportedByName(@TempDir Path root) throws IOException {
        Path pack = copyOfShippedPack(root);
        Files.writeString(pack.resolve("minimum-wages.json"), "[{\"region\": \"330300\", \"effectiveFrom\": \"2024-01-01\"}]");

        assertThatThrownBy(() -> RulePack.load(root, "cn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency");
    }

    @Test
    void anUnknownWorkingTimeBasisIsReportedByField(@TempDir Path root) throws IOException {
        Path pack = copyOfShippedPack(root);
        Path categories = pack.resolve("categories.json");
        Files.writeString(categories, Files.readString(categories).replace("\"workingTime\": \"ONLINE\"", "\"workingTime\": \"LOGGED_IN\""));

        assertThatThrownBy(() -> RulePack.load(root, "cn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workingTime")
                .hasMessageContaining("LOGGED_IN");
    }

    private Path copyOfShippedPack(Path root) throws IOException {
        Path pack = Files.createDirectories(root.resolve("cn"));
        for (String f : new String[] {"regions.json", "holidays.json", "categories.json", "routing.json", "minimum-wages.json"}) {
            try (var in = getClass().getClassLoader().getResourceAsStream("rules/cn/" + f)) {
                Files.copy(in, pack.resolve(f));
            }
        }
        try (var in = getClass().getClassLoader().getResourceAsStream("rules/platforms.json")) {
            Files.copy(in, root.resolve("platforms.json"));
        }
        return pack;
    }
}
