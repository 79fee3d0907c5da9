package org.gigwatch.simulator.emit;

import org.apache.avro.specific.SpecificRecord;

/** Drops every event: measures the generator alone. */
public final class NullSink implements EventSink {
    @Override
    public void send(String topic, String key, long timestamp, SpecificRecord value) {}

    @Override
    public boolean retainsValues() {
        return false;
    }

    @Override
    public void close() {}
}
