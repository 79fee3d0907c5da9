package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gigwatch.alerts.Account;
import org.gigwatch.alerts.Accounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gigwatch alerts --add-account}: what an operator runs to give a regulator a login. */
class AlertsCommandTest {
    private record Run(int exit, String output) {}

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Gigwatch.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
        return new Run(exit, captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void addsAnAccountWhosePrintedPasswordSignsIn(@TempDir Path dir) {
        Path file = dir.resolve("accounts.json");
        Run first = run("alerts", "--add-account", "sx-market:330600:market", "--accounts", file.toString());
        Run second = run("alerts", "--add-account", "zj-hrss:330000:hrss", "--accounts", file.toString());

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(second.exit()).as(second.output()).isZero();
        Matcher password = Pattern.compile("password: (\\S+)").matcher(first.output());
        assertThat(password.find()).as(first.output()).isTrue();
        Accounts accounts = Accounts.load(file);
        assertThat(accounts.all()).extracting(Account::user).containsExactly("sx-market", "zj-hrss");
        assertThat(accounts.authenticate("sx-market", password.group(1))).map(Account::topic)
                .contains("gigwatch.regulator.330600.market");
    }

    @Test
    void refusesARegionOrDepartmentWithoutATopicInOneLine(@TempDir Path dir) {
        Path file = dir.resolve("accounts.json");
        Run region = run("alerts", "--add-account", "x:999999:hrss", "--accounts", file.toString());
        Run form = run("alerts", "--add-account", "x-hrss", "--accounts", file.toString());

        assertThat(region.exit()).isEqualTo(2);
        assertThat(region.output()).containsPattern("(?m)^--add-account: account 'x': region 999999 is not one of");
        assertThat(form.exit()).isEqualTo(2);
        assertThat(form.output()).contains("expected USER:REGION:DEPARTMENT");
        assertThat(file).doesNotExist();
    }
}
