package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.PayoutLine;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.EmploymentCategory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorsTest {
    private static final Instant NOW = Instant.parse("2025-10-01T00:00:00Z");
    private static final String HMAC = "a".repeat(64);

    /** The gateway validates generic records (raw longs for instants); built from the generated classes for readability. */
    private static GenericRecord generic(SpecificRecord specific) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<SpecificRecord>(specific.getSchema(), SpecificData.getForClass(specific.getClass()))
                    .write(specific, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(specific.getSchema())
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SessionEvent.Builder session() {
        return SessionEvent.newBuilder().setEventId("e1").setPlatformId("meituan").setWorkerId("w1")
                .setRegion("330600").setOccurredAt(NOW).setType(SessionEventType.LOGIN);
    }

    @Nested
    class NotInFuture {
        private final EventValidator validator = EventValidators.notInFuture(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

        @Test
        void upToTheToleranceAheadIsClockSkew() {
            assertThat(validator.check(generic(session().setOccurredAt(NOW.plus(Duration.ofMinutes(5))).build()))).isEmpty();
        }

        @Test
        void aMillisecondMoreIsRejected() {
            assertThat(validator.check(generic(session().setOccurredAt(NOW.plus(Duration.ofMinutes(5)).plusMillis(1)).build())))
                    .containsExactly(new FieldError("occurredAt", "more than 5 minutes in the future"));
        }

        @Test
        void thePastIsFine() {
            assertThat(validator.check(generic(session().setOccurredAt(NOW.minus(Duration.ofDays(30))).build()))).isEmpty();
        }
    }

    @Nested
    class NotOlderThanRetention {
        private final EventValidator validator = EventValidators.notOlderThanRetention(Clock.fixed(NOW, ZoneOffset.UTC),
                java.util.Map.of(EventKind.SESSIONS, Duration.ofDays(7)));

        @Test
        void exactlyTheRetentionOldIsKept() {
            assertThat(validator.check(generic(session().setOccurredAt(NOW.minus(Duration.ofDays(7))).build()))).isEmpty();
        }

        @Test
        void aMillisecondOlderIsRejectedNamingTheTopic() {
            assertThat(validator.check(generic(session().setOccurredAt(NOW.minus(Duration.ofDays(7)).minusMillis(1)).build())))
                    .containsExactly(new FieldError("occurredAt",
                            "older than the retention of gigwatch.events.sessions (7 days): Kafka would delete it"));
        }

        @Test
        void aKindWithoutALimitTakesAnyAge() {
            OrderEvent ancient = OrderEvent.newBuilder().setEventId("o1").setPlatformId("meituan").setWorkerId("w1")
                    .setRegion("330600").setOccurredAt(NOW.minus(Duration.ofDays(3650))).setOrderId("o1")
                    .setType(OrderEventType.DELIVERED).build();
            assertThat(validator.check(generic(ancient))).isEmpty();
        }

        @Test
        void limitsAreDescribedInTheirLargestWholeUnit() {
            assertThat(EventValidators.describe(Duration.ofDays(1))).isEqualTo("1 day");
            assertThat(EventValidators.describe(Duration.ofHours(36))).isEqualTo("36 hours");
            assertThat(EventValidators.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
            assertThat(EventValidators.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        }
    }

    @Nested
    class WorkerKeyIsHmac {
        private final EventValidator validator = EventValidators.workerKeyIsHmac();

        @ParameterizedTest
        @ValueSource(strings = {"33060219900101123X", "330602199001011234", "33060219900101123x", "330602900101123"})
        void aRawIdentityNumberIsRejectedWithoutRepeatingIt(String idNumber) {
            List<FieldError> errors = validator.check(generic(session().setWorkerKey(idNumber).build()));

            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("workerKey");
                assertThat(error.reason()).startsWith("looks like a raw identity number").doesNotContain(idNumber);
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "3306021990010112345", "g"})
        void anythingElseThatIsNot64HexIsRejected(String key) {
            assertThat(validator.check(generic(session().setWorkerKey(key).build())))
                    .containsExactly(new FieldError("workerKey", "expected 64 hex characters (HMAC-SHA256)"));
        }

        @Test
        void anHmacOrNoKeyPasses() {
            assertThat(validator.check(generic(session().setWorkerKey(HMAC).build()))).isEmpty();
            assertThat(validator.check(generic(session().setWorkerKey("0123456789ABCDEF".repeat(4)).build()))).isEmpty();
            assertThat(validator.check(generic(session().build()))).isEmpty();
        }

        @Test
        void sixtyThreeHexCharactersAreNotAnHmac() {
            assertThat(validator.check(generic(session().setWorkerKey("a".repeat(63)).build()))).hasSize(1);
        }
    }

    @Nested
    class KnownRegion {
        private final EventValidator validator = EventValidators.knownRegion(List.of("330600", "310000"));

        @Test
        void regionAndHomeRegionMustBeInTheRulePack() {
            WorkerRegistration registration = WorkerRegistration.newBuilder().setEventId("r1").setPlatformId("meituan")
                    .setWorkerId("w1").setRegion("999999").setOccurredAt(NOW)
                    .setCategory(EmploymentCategory.INDEPENDENT).setHomeRegion("110000").build();

            assertThat(validator.check(generic(registration))).extracting(FieldError::field)
                    .containsExactlyInAnyOrder("region", "homeRegion");
            assertThat(validator.check(generic(registration)).get(0).reason()).endsWith("expected one of [310000, 330600]");
        }

        @Test
        void aKnownRegionPasses() {
            assertThat(validator.check(generic(session().build()))).isEmpty();
        }
    }

    @Nested
    class NonNegativeAmounts {
        private final EventValidator validator = EventValidators.nonNegativeAmounts();

        @Test
        void negativeMoneyIsRejectedAndZeroIsFine() {
            OrderEvent order = OrderEvent.newBuilder().setEventId("o1").setPlatformId("meituan").setWorkerId("w1")
                    .setRegion("330600").setOccurredAt(NOW).setOrderId("x").setType(OrderEventType.DELIVERED)
                    .setBasePay(0L).setTip(-1L).build();

            assertThat(validator.check(generic(order))).containsExactly(new FieldError("tip", "must not be negative"));
        }

        @Test
        void payoutLinesAreNamedByIndex() {
            PayoutEvent payout = PayoutEvent.newBuilder().setEventId("p1").setPlatformId("meituan").setWorkerId("w1")
                    .setRegion("330600").setOccurredAt(NOW).setPayoutId("po1")
                    .setPeriodStart(LocalDate.parse("2025-09-01")).setPeriodEnd(LocalDate.parse("2025-09-30")).setPaidAt(NOW)
                    .setLines(List.of(new PayoutLine(PayoutLineType.BASE, 100L, null), new PayoutLine(PayoutLineType.FINE, -50L, null)))
                    .build();

            assertThat(validator.check(generic(payout))).containsExactly(new FieldError("lines[1].amount", "must not be negative"));
        }
    }
}
