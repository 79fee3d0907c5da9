package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gigwatch.gateway.PlatformKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gigwatch platforms issue|revoke|list}: keys shown once, stored hashed, listed by count only. */
class PlatformsCommandTest {
    private static final Pattern KEY = Pattern.compile("gw_[A-Za-z0-9_-]{43}");

    @TempDir
    Path dir;

    /** Exit code, standard output and standard error of one run. */
    record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Gigwatch.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String keyIn(String output) {
        Matcher matcher = KEY.matcher(output);
        assertThat(matcher.find()).as("a key in: %s", output).isTrue();
        String key = matcher.group();
        assertThat(matcher.find()).as("the key is printed once").isFalse();
        return key;
    }

    @Test
    void issuePrintsAKeyOnceAndStoresOnlyItsHash() throws Exception {
        Path keys = dir.resolve("keys");
        Run issued = run("platforms", "issue", "--keys", keys.toString(), "swiftmeal");

        assertThat(issued.exit()).isZero();
        String key = keyIn(issued.out());
        assertThat(PlatformKeys.open(keys).platformOf(key)).contains("swiftmeal");
        String file = Files.readString(keys);
        assertThat(file).doesNotContain(key).contains("swiftmeal ");
        assertThat(keyIn(run("platforms", "issue", "--keys", keys.toString(), "swiftmeal").out())).isNotEqualTo(key);
    }

    @Test
    void listShowsPlatformsAndCountsButNeverKeys() {
        Path keys = dir.resolve("keys");
        assertThat(run("platforms", "list", "--keys", keys.toString()).out()).startsWith("no platform holds an API key");
        String first = keyIn(run("platforms", "issue", "--keys", keys.toString(), "swiftmeal").out());
        String second = keyIn(run("platforms", "issue", "--keys", keys.toString(), "swiftmeal").out());
        String third = keyIn(run("platforms", "issue", "--keys", keys.toString(), "roadly").out());

        Run listed = run("platforms", "list", "--keys", keys.toString());

        assertThat(listed.exit()).isZero();
        assertThat(listed.out().lines()).containsExactly(
                String.format("%-20s 1 key", "roadly"),
                String.format("%-20s 2 keys", "swiftmeal"));
        assertThat(listed.out()).doesNotContain(first, second, third, PlatformKeysHash.of(first));
    }

    @Test
    void revokeRemovesEveryKeyOfThePlatformOnly() {
        Path keys = dir.resolve("keys");
        String swiftmeal = keyIn(run("platforms", "issue", "--keys", keys.toString(), "swiftmeal").out());
        run("platforms", "issue", "--keys", keys.toString(), "swiftmeal");
        String roadly = keyIn(run("platforms", "issue", "--keys", keys.toString(), "roadly").out());

        Run revoked = run("platforms", "revoke", "--keys", keys.toString(), "swiftmeal");

        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).isEqualTo("revoked 2 API keys of swiftmeal" + System.lineSeparator());
        assertThat(PlatformKeys.open(keys).platformOf(swiftmeal)).isEmpty();
        assertThat(PlatformKeys.open(keys).platformOf(roadly)).contains("roadly");
        Run again = run("platforms", "revoke", "--keys", keys.toString(), "swiftmeal");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("swiftmeal holds no API key");
    }

    @Test
    void aBadPlatformIdIsAClearErrorNotAStackTrace() {
        Run bad = run("platforms", "issue", "--keys", dir.resolve("keys").toString(), "swift meal");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("a platform id is letters, digits, '.', '_' or '-': swift meal" + System.lineSeparator());
        assertThat(bad.out()).isEmpty();
    }

    /** The stored form of a key, to show the listing does not leak even that. */
    private static final class PlatformKeysHash {
        static String of(String key) throws RuntimeException {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
