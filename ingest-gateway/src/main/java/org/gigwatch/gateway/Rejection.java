package org.gigwatch.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One refused field of one event of a batch, as the response lists it: the event's index in the array. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(int index, String eventId, String field, String reason) {
    static Rejection of(int index, String eventId, FieldError error) {
        return new Rejection(index, eventId, error.field(), error.reason());
    }
}
