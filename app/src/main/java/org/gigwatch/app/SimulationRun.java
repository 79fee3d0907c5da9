package org.gigwatch.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.gigwatch.simulator.RunSummary;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.KafkaEventSink;

/** The simulator running on its own thread into Kafka until its range ends or it is closed. */
final class SimulationRun implements AutoCloseable {
    private final Simulator simulator;
    private final KafkaEventSink sink;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<RunSummary> summary = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    /** Starts the run; {@code onEnd} is called on the run's thread when it ends, however it ends. */
    SimulationRun(SimulatorConfig config, String bootstrapServers, String registryUrl, Runnable onEnd) {
        simulator = new Simulator(config);
        sink = KafkaEventSink.create(bootstrapServers, registryUrl);
        thread = new Thread(() -> {
            try {
                summary.set(simulator.run(sink));
                sink.flush();
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                done.countDown();
                onEnd.run();
            }
        }, "gigwatch-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    Simulator simulator() {
        return simulator;
    }

    /** Counted down when the run ends, by itself, by {@link #close()} or by a failure. */
    CountDownLatch done() {
        return done;
    }

    /** The run's summary once it has ended; rethrows what made it fail. */
    RunSummary summary() throws InterruptedException {
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return summary.get();
    }

    @Override
    public void close() throws InterruptedException {
        simulator.stop();
        thread.join(10_000);
        sink.close(); // flushes: every event the simulator counted as sent is then on the broker
    }
}
