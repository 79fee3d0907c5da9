package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {

    @Test
    void aLocalDateIsMidnightInTheZoneAndAnInstantIsItself() {
        ReplayCommand command = new ReplayCommand();
        command.zone = ZoneId.of("Asia/Shanghai");
        assertThat(command.instant("--from", "2025-03-01")).isEqualTo(Instant.parse("2025-02-28T16:00:00Z"));
        assertThat(command.instant("--to", "2025-03-01T12:00:00Z")).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThatThrownBy(() -> command.instant("--to", "March")).hasMessageStartingWith("--to: 'March'");
    }

    @Test
    void theProgressLineShowsRecordsReadOfRecordsToReadTheRateAndTheTimeLeft() {
        assertThat(ProgressBar.line("pay", 50, 200, 10.0))
                .isEqualTo("pay               [########......................]  25% 50/200 records  5/s  ~30s left");
        assertThat(ProgressBar.line("working time", 1_000, 1_000, 4.0))
                .isEqualTo("working time      [##############################] 100% 1,000/1,000 records  250/s");
        assertThat(ProgressBar.line("copying the range", 0, 0, 0)).contains("0% 0/0 records");
    }

    @Test
    void outsideATerminalTheBarPrintsALineWhenAPhaseEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.update("copying the range", 1, 10);
        bar.update("copying the range", 5, 10); // within 5 s of the last line: not printed
        bar.update("copying the range", 10, 10);
        bar.update("working time", 0, 20);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .hasSize(3)
                .allMatch(l -> !l.contains("\r"))
                .anyMatch(l -> l.startsWith("copying the range") && l.contains("100% 10/10"))
                .anyMatch(l -> l.startsWith("working time"));
    }
}
