package org.gigwatch.schemas.registry;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing of a record: magic byte 0, the schema id as 4 bytes big-endian, then the Avro binary. */
final class WireFormat {
    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    static ByteArrayOutputStream startPayload(int schemaId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        return out;
    }

    /** The schema id of a framed payload; a SerializationException naming the topic if it is not framed so. */
    static int schemaId(String topic, byte[] payload) {
        if (payload.length < HEADER_LENGTH) {
            throw new SerializationException("topic %s: Avro payload too short: %d bytes, expected at least %d"
                    .formatted(topic, payload.length, HEADER_LENGTH) + " (magic byte and schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException("topic %s: unknown magic byte %d, expected %d (not written by a schema-registry serializer?)"
                    .formatted(topic, payload[0], MAGIC_BYTE));
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    private WireFormat() {}
}
