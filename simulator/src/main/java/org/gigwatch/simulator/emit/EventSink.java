package org.gigwatch.simulator.emit;

import org.apache.avro.specific.SpecificRecord;

/** Where the simulator's events go: a Kafka producer, files, memory, or nowhere (benchmarks). */
public interface EventSink extends AutoCloseable {
    /**
     * Takes one event. Unless {@link #retainsValues()}, the sink is done with {@code value} when this returns
     * (it serialized it), and the simulator may reuse the object for the next event of the same type.
     */
    void send(String topic, String key, long timestamp, SpecificRecord value);

    /** Whether the sink keeps the value objects it is given; the simulator then gives each event its own. */
    default boolean retainsValues() {
        return true;
    }

    default void flush() {}

    @Override
    void close();
}
