package org.gigwatch.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a command that runs until stopped: the JVM's shutdown hook counts {@code stop} down, then waits (up to
 * {@code patience}) until the command has closed everything in order, which {@link #close()} says. Without the
 * wait the JVM would exit while the command's servers were still closing.
 */
final class ShutdownHook implements AutoCloseable {
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    ShutdownHook(String name, CountDownLatch stop, Duration patience) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command has closed everything: the hook may let the JVM exit; it is removed unless it is running. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and has just been released
        }
    }
}
