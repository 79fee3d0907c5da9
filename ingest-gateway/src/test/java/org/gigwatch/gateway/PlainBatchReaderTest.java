package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainBatchReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlainBatchReader reader = new PlainBatchReader();

    private static final String SESSION = """
            {"eventId": "%s", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T08:30:00+08:00",
             "type": "LOGIN", "details": "骑手 \\u00e9"}""";

    private PlainBatchReader.Batch read(String body, int maxEvents) throws Exception {
        return reader.read(body.getBytes(StandardCharsets.UTF_8), EventKind.SESSIONS, "meituan", maxEvents);
    }

    @Test
    void eachEventKeepsThePayloadExactlyAsSent() throws Exception {
        String first = SESSION.formatted("e1");
        String second = SESSION.formatted("e2").replace("\"LOGIN\"", "\"NAP\"");
        PlainBatchReader.Batch batch = read(" [\n" + first + " ,\t" + second + ", 7]  ", 10);

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.events()).hasSize(3);
        BatchIntake.Read one = batch.events().get(0);
        assertThat(one.plain().errors()).isEmpty();
        assertThat(one.plain().event().get("platformId")).isEqualTo("meituan");
        // the platform left platformId out, and so does the payload kept for a dead letter
        assertThat(one.original().get()).isEqualTo(JSON.readTree(first));
        assertThat(batch.events().get(1).original().get()).isEqualTo(JSON.readTree(second));
        assertThat(batch.events().get(1).eventId()).isEqualTo("e2");
        assertThat(batch.events().get(1).plain().errors()).extracting(FieldError::field).containsExactly("type");
        assertThat(batch.events().get(2).plain().errors())
                .containsExactly(new FieldError("", "an event must be a JSON object, got a number"));
    }

    @Test
    void eventsPastTheLimitAreCountedNotRead() throws Exception {
        PlainBatchReader.Batch batch = read("[" + SESSION.formatted("e1") + ", {\"a\": [1, {}]}, 3]", 1);

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.events()).hasSize(1);
    }

    @Test
    void anythingButOneWellFormedArrayIsLeftToTheCallerToExplain() throws Exception {
        assertThat(read("", 10)).isNull();
        assertThat(read("{\"eventId\": \"e1\"}", 10)).isNull();
        assertThat(read("[" + SESSION.formatted("e1") + "] []", 10)).isNull();
        assertThat(read("[" + SESSION.formatted("e1") + ", {\"a\" 1}]", 10)).isNull();
        assertThat(read("[" + SESSION.formatted("e1") + ", {\"a\": 1}", 10)).isNull();
        assertThat(read("[]", 10).size()).isZero();
    }
}
