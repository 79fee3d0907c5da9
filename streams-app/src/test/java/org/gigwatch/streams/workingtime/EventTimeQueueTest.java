package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The event-time order of the queue, and that its in-memory bound never hides an entry that is due. */
class EventTimeQueueTest {

    private static KeyValueStore<String, String> store() {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("queue"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    @Test
    void paddedIsWhatTheFormatterWrites() {
        for (long value : new long[] {0, 7, 1_759_104_000_000L, 12_345_678_901_234L, Long.MAX_VALUE, -601, Long.MIN_VALUE}) {
            assertThat(EventTimeQueue.padded(value, 13)).isEqualTo(String.format("%013d", value));
            assertThat(EventTimeQueue.padded(value, 19)).isEqualTo(String.format("%019d", value));
        }
    }

    @Test
    void pollsInEventTimeOrderAndFindsAnEntryAddedBeforeTheRemembered() {
        KeyValueStore<String, String> store = store();
        EventTimeQueue<String> queue = new EventTimeQueue<>(store);
        queue.add(300, "a", "third");
        queue.add(100, "b", "first");
        queue.add(200, "a", "second");
        assertThat(queue.pollUpTo(99)).isEmpty();
        assertThat(queue.pollUpTo(200)).containsExactly("first", "second");
        assertThat(queue.pollUpTo(250)).as("nothing due before 300: no scan, nothing").isEmpty();
        queue.add(250, "c", "late-added");
        assertThat(queue.pollUpTo(260)).containsExactly("late-added");
        queue.remove(300, "a");
        assertThat(queue.pollUpTo(1_000)).isEmpty();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void aNewQueueOnAFilledStoreScansFirst() {
        KeyValueStore<String, String> store = store();
        new EventTimeQueue<>(store).add(100, "a", "kept across a restart");
        assertThat(new EventTimeQueue<>(store).pollUpTo(100)).containsExactly("kept across a restart");
    }
}
