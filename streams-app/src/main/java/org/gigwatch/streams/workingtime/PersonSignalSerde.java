package org.gigwatch.streams.workingtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link PersonSignal}s in a compact binary form, for the repartition topic and the person scope's buffer: every
 * watermark and transition crosses the topic, and JSON (Jackson) was the largest single item of the stream thread's
 * profile. Layout: kind (byte), source (int), at (long), then workerKey, platformId, category, region and eventId,
 * each a presence byte and modified UTF-8.
 */
final class PersonSignalSerde {
    static Serde<PersonSignal> serde() {
        return Serdes.serdeFrom((topic, signal) -> signal == null ? null : write(signal),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    static byte[] write(PersonSignal signal) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(signal.kind().ordinal());
            out.writeInt(signal.source());
            out.writeLong(signal.at());
            for (String text : new String[] {signal.workerKey(), signal.platformId(), signal.category(), signal.region(),
                    signal.eventId()}) {
                out.writeBoolean(text != null);
                if (text != null) {
                    out.writeUTF(text);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write a PersonSignal", e);
        }
    }

    static PersonSignal read(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int kind = in.readUnsignedByte();
            if (kind >= PersonSignal.Kind.values().length) {
                throw new SerializationException("PersonSignal kind " + kind + " is unknown");
            }
            int source = in.readInt();
            long at = in.readLong();
            return new PersonSignal(PersonSignal.Kind.values()[kind], text(in), text(in), text(in), text(in), at, text(in),
                    source);
        } catch (IOException e) {
            throw new SerializationException("cannot read a PersonSignal (" + bytes.length + " bytes)", e);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private PersonSignalSerde() {}
}
