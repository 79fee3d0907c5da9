package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PersonSignalSerdeTest {
    private final Serde<PersonSignal> serde = PersonSignalSerde.serde();

    private PersonSignal roundTrip(PersonSignal signal) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", signal));
    }

    @Test
    void everyKindComesBackAsItWasIncludingNullsAndNonAscii() {
        PersonSignal online = new PersonSignal(PersonSignal.Kind.ONLINE, "wk-骑手-1", "swiftmeal", "LABOR_CONTRACT", "310000",
                1_759_104_000_123L, "e-1", 5);
        PersonSignal registered = new PersonSignal(PersonSignal.Kind.REGISTERED, "wk-2", "dashgo", "INDEPENDENT", "440300",
                0L, "reg-2", 0);
        PersonSignal watermark = PersonSignal.watermark(3, 1_759_104_060_000L);
        assertThat(roundTrip(online)).isEqualTo(online);
        assertThat(roundTrip(registered)).isEqualTo(registered);
        assertThat(roundTrip(watermark)).isEqualTo(watermark);
        assertThat(serde.serializer().serialize("t", watermark)).hasSize(1 + 4 + 8 + 5);
    }

    @Test
    void nullIsATombstoneAndGarbageIsAClearError() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("kind 9");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("3 bytes");
    }
}
