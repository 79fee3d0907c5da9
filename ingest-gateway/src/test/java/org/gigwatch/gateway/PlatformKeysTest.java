package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformKeysTest {
    @TempDir
    Path dir;

    @Test
    void anIssuedKeyNamesItsPlatformAndOnlyItsHashIsStored() throws Exception {
        Path file = dir.resolve("platform-keys");
        PlatformKeys keys = PlatformKeys.open(file);

        String key = keys.issue("meituan");

        assertThat(keys.platformOf(key)).contains("meituan");
        assertThat(keys.platformOf(key + "x")).isEmpty();
        assertThat(keys.platformOf(null)).isEmpty();
        assertThat(Files.readString(file)).doesNotContain(key).contains("meituan " + PlatformKeys.hash(key));
    }

    @Test
    void keysSurviveAReopenAndARevocationReachesOtherInstances() {
        Path file = dir.resolve("platform-keys");
        PlatformKeys gateway = PlatformKeys.open(file);
        PlatformKeys commandLine = PlatformKeys.open(file);
        String meituan = commandLine.issue("meituan");
        String didi = commandLine.issue("didi");

        assertThat(gateway.platformOf(meituan)).contains("meituan");
        assertThat(commandLine.revoke("meituan")).isEqualTo(1);

        assertThat(gateway.platformOf(meituan)).isEmpty();
        assertThat(PlatformKeys.open(file).platformOf(didi)).contains("didi");
    }

    @Test
    void aPlatformIdCannotBreakTheFileFormat() {
        PlatformKeys keys = PlatformKeys.open(dir.resolve("platform-keys"));

        assertThatThrownBy(() -> keys.issue("evil platform\nx")).isInstanceOf(IllegalArgumentException.class);
    }
}
