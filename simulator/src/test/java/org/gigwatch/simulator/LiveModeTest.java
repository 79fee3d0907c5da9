package org.gigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gigwatch.simulator.emit.MemorySink;
import org.gigwatch.simulator.emit.NullSink;
import org.junit.jupiter.api.Test;

class LiveModeTest {
    private static SimulatorConfig.Builder oneDay() {
        return SimulatorConfig.builder().seed(9).workers(100).startDate(LocalDate.of(2025, 10, 14)).days(1);
    }

    @Test
    void theAcceleratedClockReleasesEventsWhenTheirTimeComes() {
        // one simulated day in 0.6 s of real time: the last event (around 23:30) comes after about 0.58 s
        Simulator live = new Simulator(oneDay().live(86_400 / 0.6).build());
        MemorySink sink = new MemorySink();
        RunSummary summary = live.run(sink);
        assertThat(summary.completed()).isTrue();
        // only a lower bound: the pacing must wait for simulated time; how much longer a loaded machine takes is not
        // this test's business (no absolute-time upper bounds in tests)
        assertThat(summary.elapsed().toMillis()).isGreaterThanOrEqualTo(450L);

        RunSummary history = new Simulator(oneDay().build()).run(new NullSink());
        assertThat(summary.eventsPerTopic()).isEqualTo(history.eventsPerTopic());
    }

    @Test
    void stopEndsALiveRunEarly() throws Exception {
        Simulator live = new Simulator(oneDay().live(7200).build()); // a day takes 12 s
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> live.run(new NullSink()));
        TimeUnit.MILLISECONDS.sleep(4_000); // 08:00 simulated: the first shifts have begun
        long sentSoFar = live.counters().total();
        live.stop();
        RunSummary summary = run.get(2, TimeUnit.SECONDS);
        assertThat(summary.completed()).isFalse();
        assertThat(sentSoFar).isPositive();
        assertThat(summary.events()).isLessThan(new Simulator(oneDay().build()).run(new NullSink()).events());
    }
}
