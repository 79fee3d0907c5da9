package org.gigwatch.streams.workingtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The subjects of one scope in a task: their state by key, and the timer index that advances a subject's clock at
 * the instant it is due (an alert, a rest completing, a day ending) even when that subject sends nothing.
 */
final class Subjects<S extends Subjects.Tracked> {
    /** A subject's state: its working time, and whether anything beyond it must be kept. */
    interface Tracked {
        WorkingTime workingTime();

        /** True when the state can be dropped (e.g. logged out and nothing in progress). */
        boolean forgettable();

        /** When the subject must next be advanced even if it sends nothing; null if never. */
        default Long due(WorkingTime.Rules rules) {
            return workingTime().due(rules);
        }
    }

    /** How many states a task keeps as objects (most recently used first); the rest are read from the store. */
    static final int LIVE_STATES = 20_000;

    private final KeyValueStore<String, S> states;
    private final EventTimeQueue<String> timers;
    /**
     * The states last read or saved, as the objects themselves: every save writes the store too, so the two never
     * differ, and a read of a recent subject costs a map lookup instead of the store's deserialization (the largest
     * single item of the account processor's profile). New per task start, like the processor.
     */
    private final Map<String, S> live = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, S> eldest) {
            return size() > LIVE_STATES;
        }
    };

    Subjects(KeyValueStore<String, S> states, KeyValueStore<String, String> timers) {
        this.states = states;
        this.timers = new EventTimeQueue<>(timers);
    }

    S get(String key) {
        S state = live.get(key);
        if (state == null) {
            state = states.get(key);
            if (state != null) {
                live.put(key, state);
            }
        }
        return state;
    }

    /** Stores the state (or drops it when forgettable) and moves its timer to when it is next due. */
    void save(String key, S state, WorkingTime.Rules rules) {
        WorkingTime time = state.workingTime();
        boolean forget = state.forgettable();
        Long due = forget ? null : state.due(rules);
        if (!Objects.equals(due, time.scheduled)) {
            if (time.scheduled != null) {
                timers.remove(time.scheduled, key);
            }
            if (due != null) {
                timers.add(due, key, key);
            }
            time.scheduled = due;
        }
        if (forget) {
            states.put(key, null); // delete() would read and deserialize the old state first
            live.remove(key);
        } else {
            states.put(key, state);
            live.put(key, state);
        }
    }

    /** Hands every subject due at or before {@code upTo} to {@code advance}, which advances and saves it. */
    void forEachDue(long upTo, BiConsumer<String, S> advance) {
        for (String key : timers.pollUpTo(upTo)) {
            S state = get(key);
            if (state != null) {
                state.workingTime().scheduled = null; // its timer entry is gone
                advance.accept(key, state);
            }
        }
    }
}
