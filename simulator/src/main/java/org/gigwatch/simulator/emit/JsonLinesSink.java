package org.gigwatch.simulator.emit;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes each topic to {@code <dir>/<topic>.jsonl}, one event per line:
 * {@code {"key":"<key>","timestamp":<epoch ms>,"value":<the value in Avro's JSON encoding>}}.
 * Same events, same bytes: the determinism tests compare these files.
 */
public final class JsonLinesSink implements EventSink {
    private final Path dir;
    private final Map<String, Topic> topics = new HashMap<>();

    public JsonLinesSink(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** The file a topic is written to. */
    public Path file(String topic) {
        return dir.resolve(topic + ".jsonl");
    }

    @Override
    public synchronized void send(String topic, String key, long timestamp, SpecificRecord value) {
        try {
            topics.computeIfAbsent(topic, this::open).write(key, timestamp, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file(topic), e);
        }
    }

    @Override
    public boolean retainsValues() {
        return false;
    }

    @Override
    public synchronized void flush() {
        topics.values().forEach(Topic::flush);
    }

    @Override
    public synchronized void close() {
        topics.values().forEach(Topic::close);
        topics.clear();
    }

    private Topic open(String topic) {
        try {
            return new Topic(new BufferedOutputStream(Files.newOutputStream(file(topic)), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file(topic), e);
        }
    }

    /** One topic's file; the Avro JSON of a value is encoded to a buffer, then framed into the line. */
    private static final class Topic {
        private final OutputStream out;
        private final ByteArrayOutputStream value = new ByteArrayOutputStream(1024);
        private SpecificDatumWriter<SpecificRecord> writer;
        private JsonEncoder encoder;

        Topic(OutputStream out) {
            this.out = out;
        }

        void write(String key, long timestamp, SpecificRecord record) throws IOException {
            if (writer == null) {
                writer = new SpecificDatumWriter<>(record.getSchema());
                encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), value);
            }
            value.reset();
            encoder.configure(value); // a fresh generator per value: no separator between values
            writer.write(record, encoder);
            encoder.flush();
            out.write(("{\"key\":\"" + escape(key) + "\",\"timestamp\":" + timestamp + ",\"value\":")
                    .getBytes(StandardCharsets.UTF_8));
            value.writeTo(out);
            out.write('}');
            out.write('\n');
        }

        void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
