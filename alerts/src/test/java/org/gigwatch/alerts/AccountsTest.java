package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
    private static final String HASH = Accounts.hash("right horse".toCharArray());
    private final Accounts accounts = Accounts.of(List.of(new Account("sx", "330600", "hrss", HASH)));

    @Test
    void theRightPasswordSignsInAndAnythingElseDoesNot() {
        assertThat(accounts.authenticate("sx", "right horse")).map(Account::topic).contains("gigwatch.regulator.330600.hrss");
        assertThat(accounts.authenticate("sx", "right horse ")).isEmpty();
        assertThat(accounts.authenticate("sx", null)).isEmpty();
        assertThat(accounts.authenticate("nobody", "right horse")).isEmpty();
        assertThat(accounts.authenticate(null, null)).isEmpty();
    }

    @Test
    void aHashIsSaltedAndCarriesItsIterations() {
        String again = Accounts.hash("right horse".toCharArray());
        assertThat(again).isNotEqualTo(HASH).startsWith("pbkdf2-sha512$" + Accounts.ITERATIONS + "$");
        assertThat(Accounts.verify("right horse".toCharArray(), again)).isTrue();
        assertThat(HASH).doesNotContain("right horse");
    }

    @Test
    void badAccountsAreRefusedNamingTheFieldOrTheAccount() {
        assertThatThrownBy(() -> new Account("sx", "330600", " ", HASH)).hasMessageContaining("department");
        assertThatThrownBy(() -> Accounts.of(List.of(new Account("sx", "330600", "hrss", HASH), new Account("sx", "310000", "hrss", HASH))))
                .hasMessageContaining("'sx' is listed twice");
        assertThatThrownBy(() -> accounts.check(Set.of("310000"), Set.of("hrss"))).hasMessageContaining("'sx'").hasMessageContaining("330600");
        assertThatThrownBy(() -> accounts.check(Set.of("330600"), Set.of("market"))).hasMessageContaining("department hrss");
        assertThatThrownBy(() -> Accounts.verify("x".toCharArray(), "md5$abc")).hasMessageContaining("pbkdf2-sha512");
    }

    @Test
    void theDemoWritesOneHrssAccountPerCityWhosePrintedPasswordsWork(@TempDir Path dir) {
        Map<String, String> logins = Accounts.writeDemo(dir.resolve("accounts.json"), RulePack.shipped("cn"));
        assertThat(logins).containsOnlyKeys("shanghai-hrss", "shaoxing-hrss", "wenzhou-hrss", "zaozhuang-hrss", "kunming-hrss");
        Accounts written = Accounts.load(dir.resolve("accounts.json"));
        assertThat(written.authenticate("shaoxing-hrss", logins.get("shaoxing-hrss"))).map(Account::region).contains("330600");
        assertThat(written.authenticate("shaoxing-hrss", logins.get("wenzhou-hrss"))).isEmpty();
    }
}
