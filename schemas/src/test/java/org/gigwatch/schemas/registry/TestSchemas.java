package org.gigwatch.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A record type in three versions: the evolution cases every registry test needs. */
final class TestSchemas {
    static final String NAMESPACE = "org.gigwatch.test";

    /** Version 1: a worker's shift. */
    static final Schema SHIFT_V1 = SchemaBuilder.record("Shift").namespace(NAMESPACE).fields()
            .requiredString("workerId")
            .requiredInt("minutes")
            .endRecord();

    /** Version 2, BACKWARD compatible with v1: a new field with a default. */
    static final Schema SHIFT_V2 = SchemaBuilder.record("Shift").namespace(NAMESPACE).fields()
            .requiredString("workerId")
            .requiredInt("minutes")
            .name("platformId").type().stringType().stringDefault("unknown")
            .endRecord();

    /** Not BACKWARD compatible with v1: a new field without a default cannot be filled from v1 data. */
    static final Schema SHIFT_INCOMPATIBLE = SchemaBuilder.record("Shift").namespace(NAMESPACE).fields()
            .requiredString("workerId")
            .requiredInt("minutes")
            .requiredLong("breakMinutes")
            .endRecord();

    static GenericRecord shiftV1(String workerId, int minutes) {
        GenericRecord shift = new GenericData.Record(SHIFT_V1);
        shift.put("workerId", workerId);
        shift.put("minutes", minutes);
        return shift;
    }

    /** A distinct record type per call, for filling a registry with unrelated schemas. */
    static Schema unrelated(int n) {
        return SchemaBuilder.record("Unrelated" + n).namespace(NAMESPACE).fields().requiredInt("n").endRecord();
    }

    private TestSchemas() {}
}
