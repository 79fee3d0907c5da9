package org.gigwatch.simulator.emit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps every event in memory, in the order sent: for tests. */
public final class MemorySink implements EventSink {
    /** One event as it would have been produced: topic, key, record timestamp and value. */
    public record Sent(String topic, String key, long timestamp, SpecificRecord value) {}

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void send(String topic, String key, long timestamp, SpecificRecord value) {
        sent.add(new Sent(topic, key, timestamp, value));
    }

    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The values sent to one topic, as the given type. */
    public <T extends SpecificRecord> List<T> values(String topic, Class<T> type) {
        return sent().stream().filter(s -> s.topic().equals(topic)).map(s -> type.cast(s.value())).toList();
    }

    @Override
    public void close() {}
}
