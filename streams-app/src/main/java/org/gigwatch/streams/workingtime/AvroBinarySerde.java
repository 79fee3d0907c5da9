package org.gigwatch.streams.workingtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Plain Avro binary of generated classes, for state stores: the schema is the classes', no registry needed. */
public final class AvroBinarySerde {
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        return serde(SpecificData.get().getSchema(type), type.getSimpleName());
    }

    /** Plain Avro binary of a union of generated classes: the branch index, then the record. */
    @SafeVarargs
    public static Serde<SpecificRecord> oneOf(Class<? extends SpecificRecord>... types) {
        Schema union = Schema.createUnion(Arrays.stream(types).map(t -> SpecificData.get().getSchema(t)).toList());
        return serde(union, union.toString());
    }

    private static <T> Serde<T> serde(Schema schema, String name) {
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema);
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(128);
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new SerializationException("cannot write " + name, e);
            }
        }, (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException e) {
                throw new SerializationException("cannot read " + name, e);
            }
        });
    }

    private AvroBinarySerde() {}
}
