package org.gigwatch.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A request body in the plain form, a JSON array of events, read straight from the bytes into records event by
 * event, with no JSON tree: the gateway's hot path. Each event keeps the span of the body it came from, so a
 * dead letter carries the payload exactly as the platform sent it.
 */
final class PlainBatchReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlainEventReader reader = new PlainEventReader();

    /** The events read (the first {@code maxEvents}), and how many the array holds. */
    record Batch(List<BatchIntake.Read> events, int size) {}

    /**
     * The batch, or null when the body is not a well-formed JSON array with nothing after it (the caller says
     * why, as a JSON tree reader would). Events past {@code maxEvents} are only counted.
     */
    Batch read(byte[] body, EventKind kind, String platformId, int maxEvents) throws IOException {
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<BatchIntake.Read> events = new ArrayList<>(Math.min(maxEvents, 1024));
            int size = 0;
            while (json.nextToken() != JsonToken.END_ARRAY) {
                if (++size > maxEvents) {
                    json.skipChildren();
                    continue;
                }
                int from = (int) json.currentTokenLocation().getByteOffset();
                PlainEventReader.Result result = reader.read(json, kind.schema(), platformId);
                int to = (int) json.currentLocation().getByteOffset();
                events.add(new BatchIntake.Read(null, result, sent(body, from, to)));
            }
            return json.nextToken() == null ? new Batch(events, size) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The event as sent, parsed again only if it is dead-lettered. */
    private static Supplier<JsonNode> sent(byte[] body, int from, int to) {
        return () -> {
            try {
                return JSON.readTree(body, from, to - from);
            } catch (IOException e) {
                throw new UncheckedIOException("an event that was read once cannot be malformed", e);
            }
        };
    }
}
