package org.gigwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The in-memory registry must refuse what a real one refuses, or unit tests would pass on broken changes. */
class MockSchemaRegistryClientTest {
    private static final String SUBJECT = "shifts-value";

    private final MockSchemaRegistryClient registry = new MockSchemaRegistryClient();

    @Test
    void theSameSchemaGetsTheSameIdUnderEverySubjectAndIsNotAddedTwice() {
        int id = registry.register(SUBJECT, TestSchemas.SHIFT_V1);

        assertThat(registry.register(SUBJECT, TestSchemas.SHIFT_V1)).isEqualTo(id);
        assertThat(registry.register("other-value", TestSchemas.SHIFT_V1)).isEqualTo(id);
        assertThat(registry.register(SUBJECT, TestSchemas.SHIFT_V2)).isNotEqualTo(id);
        assertThat(registry.schemaById(id)).isEqualTo(TestSchemas.SHIFT_V1);
        assertThat(registry.lookup(SUBJECT, TestSchemas.SHIFT_V2)).isEqualTo(registry.register(SUBJECT, TestSchemas.SHIFT_V2));
        assertThat(registry.subjects()).containsExactly(SUBJECT, "other-value");
    }

    @Test
    void byDefaultItRejectsAChangeThatCannotReadOlderDataAsARealRegistryDoes() {
        registry.register(SUBJECT, TestSchemas.SHIFT_V1);

        assertThat(registry.isCompatible(SUBJECT, TestSchemas.SHIFT_INCOMPATIBLE)).isFalse();
        assertThatThrownBy(() -> registry.register(SUBJECT, TestSchemas.SHIFT_INCOMPATIBLE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageStartingWith("schema for subject shifts-value rejected as incompatible (HTTP 409): BACKWARD")
                .hasMessageContaining("breakMinutes");
        assertThat(registry.isCompatible(SUBJECT, TestSchemas.SHIFT_V2)).isTrue();
        assertThat(registry.isCompatible("no-versions-yet", TestSchemas.SHIFT_INCOMPATIBLE)).isTrue();
    }

    @Test
    void noneAcceptsAnything() {
        registry.register(SUBJECT, TestSchemas.SHIFT_V1);
        registry.setCompatibility(SUBJECT, SchemaRegistryClient.NONE);

        assertThat(registry.register(SUBJECT, TestSchemas.SHIFT_INCOMPATIBLE)).isPositive();
    }

    @Test
    void forwardChecksThatTheOldSchemaReadsTheNewData() {
        registry.register(SUBJECT, TestSchemas.SHIFT_V2);
        registry.setCompatibility(SUBJECT, SchemaRegistryClient.FORWARD);

        // dropping platformId: v2 readers fill it from its default, so that is fine going forward
        assertThat(registry.isCompatible(SUBJECT, TestSchemas.SHIFT_V1)).isTrue();
        // dropping minutes, which v2 readers need and have no default for
        Schema withoutMinutes = SchemaBuilder.record("Shift").namespace(TestSchemas.NAMESPACE).fields()
                .requiredString("workerId").endRecord();
        assertThat(registry.isCompatible(SUBJECT, withoutMinutes)).isFalse();
        registry.setCompatibility(SUBJECT, SchemaRegistryClient.BACKWARD);
        assertThat(registry.isCompatible(SUBJECT, withoutMinutes)).isTrue();
    }

    @Test
    void transitiveLevelsCheckEveryVersionNotOnlyTheLatest() {
        Schema v1 = TestSchemas.SHIFT_V1;
        Schema v2 = SchemaBuilder.record("Shift").namespace(TestSchemas.NAMESPACE).fields()
                .requiredString("workerId").endRecord();
        // minutes comes back as a boolean with a default: fine for v2 data (no minutes), not for v1's int minutes
        Schema v3 = SchemaBuilder.record("Shift").namespace(TestSchemas.NAMESPACE).fields()
                .requiredString("workerId")
                .name("minutes").type().booleanType().booleanDefault(false)
                .endRecord();
        registry.register(SUBJECT, v1);
        registry.register(SUBJECT, v2);

        assertThat(registry.isCompatible(SUBJECT, v3)).isTrue();
        registry.setCompatibility(SUBJECT, SchemaRegistryClient.BACKWARD_TRANSITIVE);
        assertThat(registry.isCompatible(SUBJECT, v3)).isFalse();
    }

    @Test
    void unknownThingsAre404AndABadLevelIs422() {
        registry.register(SUBJECT, TestSchemas.SHIFT_V1);

        assertThatThrownBy(() -> registry.schemaById(999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageStartingWith("schema id 999 not found (HTTP 404)");
        assertThatThrownBy(() -> registry.lookup("nobody-value", TestSchemas.SHIFT_V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("Subject 'nobody-value' not found");
        assertThatThrownBy(() -> registry.lookup(SUBJECT, TestSchemas.SHIFT_V2))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
        assertThatThrownBy(() -> registry.setCompatibility(SUBJECT, "SIDEWAYS"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void aScopeIsOneRegistryUntilDropped() {
        String scope = "MockSchemaRegistryClientTest-" + System.nanoTime();
        try {
            SchemaRegistryClient viaUrl = SchemaRegistryClients.forUrl("mock://" + scope);
            int id = viaUrl.register(SUBJECT, TestSchemas.SHIFT_V1);

            assertThat(viaUrl).isSameAs(MockSchemaRegistryClient.forScope(scope));
            assertThat(SchemaRegistryClients.forUrl("mock://" + scope).schemaById(id)).isEqualTo(TestSchemas.SHIFT_V1);
            assertThat(SchemaRegistryClients.forUrl("mock://" + scope + "-other").subjects()).isEmpty();
            MockSchemaRegistryClient.dropScope(scope);
            assertThat(MockSchemaRegistryClient.forScope(scope).subjects()).isEmpty();
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
            MockSchemaRegistryClient.dropScope(scope + "-other");
        }
    }

    @Test
    void anyOtherUrlGivesARestClient() {
        assertThat(SchemaRegistryClients.forUrl("http://127.0.0.1:1/apis/ccompat/v7"))
                .isInstanceOf(RestSchemaRegistryClient.class);
    }
}
