package org.gigwatch.simulator.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Platform;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;
import org.junit.jupiter.api.Test;

class PopulationTest {
    private static final RulePack CN = RulePack.shipped("cn");
    private static final SimRange RANGE = new SimRange(LocalDate.of(2025, 10, 1), 7);
    private static final List<Profile> PEOPLE = Population.generate(17, 5000, 0.2, CN, RANGE);

    @Test
    void workersSpreadOverTheSeedRegionsCategoriesAndTheirIndustrysPlatforms() {
        List<Worker> workers = PEOPLE.stream().map(Profile::worker).toList();
        assertThat(workers.stream().map(Worker::region).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("310000", "330600", "330300", "370400", "530100");
        Map<EmploymentCategory, Long> categories = workers.stream()
                .collect(Collectors.groupingBy(Worker::category, Collectors.counting()));
        assertThat(categories.get(EmploymentCategory.LABOR_CONTRACT) / 5000.0).isCloseTo(0.2, within(0.03));
        assertThat(categories.get(EmploymentCategory.MANAGED_NON_EMPLOYEE) / 5000.0).isCloseTo(0.5, within(0.03));
        assertThat(workers.stream().filter(Worker::multiPlatform).count() / 5000.0).isCloseTo(0.2, within(0.03));
        for (Worker w : workers) {
            Set<String> platforms = new HashSet<>();
            for (Account a : w.accounts()) {
                Platform platform = CN.platform(a.platformId());
                assertThat(platform.getIndustry()).isEqualTo(w.industry());
                assertThat(platforms.add(a.platformId())).as("two different platforms").isTrue();
            }
        }
    }

    @Test
    void platformIdsAndWorkerKeysAreUniqueAndNeverTheIdentityNumber() {
        Set<String> keys = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (Profile p : PEOPLE) {
            assertThat(keys.add(p.worker().workerKey())).isTrue();
            assertThat(p.worker().workerKey()).matches("[0-9a-f]{64}");
            p.worker().accounts().forEach(a -> assertThat(accounts.add(a.key())).isTrue());
        }
    }

    @Test
    void identityNumbersAreWellFormed() {
        String id = Population.identityNumber(17, "330300", 1234);
        assertThat(id).hasSize(18).startsWith("330300");
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * weights[i];
        }
        assertThat(id.charAt(17)).isEqualTo("10X98765432".charAt(sum % 11));
        // the key is the HMAC of the number under the region's secret, so the same person hashes alike on every platform
        assertThat(Population.workerKey(17, "330300", id)).isEqualTo(Population.workerKey(17, "330300", id))
                .isNotEqualTo(Population.workerKey(17, "310000", id));
    }

    @Test
    void normalPayIsCalibratedAboveTheHighestMinimumOfTheRange() {
        for (Profile p : PEOPLE) {
            long floor = Population.highestFloor(CN, p.worker().region(), RANGE);
            assertThat(p.hourlyRate()).isBetween(floor * 3 / 2, floor * 19 / 10);
        }
        // Kunming has no figure before 2025: its first one calibrates a 2024 world
        assertThat(Population.highestFloor(CN, "530100", new SimRange(LocalDate.of(2024, 6, 1), 30))).isEqualTo(2100);
        assertThat(Population.highestFloor(CN, "330300", new SimRange(LocalDate.of(2023, 12, 31), 2))).isEqualTo(2400);
    }
}
