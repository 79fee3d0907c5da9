package org.gigwatch.gateway;

import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** One rule an event that matches its schema must still pass before it is accepted. */
@FunctionalInterface
public interface EventValidator {
    /** The problems found; empty if the event passes. Fields the event's kind lacks are not checked. */
    List<FieldError> check(GenericRecord event);
}
