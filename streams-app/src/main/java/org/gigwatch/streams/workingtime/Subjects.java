package org.gigwatch.streams.workingtime;

import java.util.function.BiConsumer;
import java.util.Objects;
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

    private final KeyValueStore<String, S> states;
    private final EventTimeQueue<String> timers;

    Subjects(KeyValueStore<String, S> states, KeyValueStore<String, String> timers) {
        this.states = states;
        this.timers = new EventTimeQueue<>(timers);
    }

    S get(String key) {
        return states.get(key);
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
        } else {
            states.put(key, state);
        }
    }

    /** Hands every subject due at or before {@code upTo} to {@code advance}, which advances and saves it. */
    void forEachDue(long upTo, BiConsumer<String, S> advance) {
        for (String key : timers.pollUpTo(upTo)) {
            S state = states.get(key);
            if (state != null) {
                state.workingTime().scheduled = null; // its timer entry is gone
                advance.accept(key, state);
            }
        }
    }
}
