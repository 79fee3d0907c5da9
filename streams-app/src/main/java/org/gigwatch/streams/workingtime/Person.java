package org.gigwatch.streams.workingtime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.TreeSet;

/**
 * The state of one person (key workerKey) in the cross-platform scope: the platforms they are registered with,
 * those they are online on now, and their working time over all of them (online if online on any).
 */
public final class Person implements Subjects.Tracked {
    public TreeSet<String> registered = new TreeSet<>();
    public TreeSet<String> online = new TreeSet<>();
    public String category = RuleBook.UNREGISTERED;
    public String region;
    public WorkingTime time = new WorkingTime();
    /** When the state may be dropped: the last sign of any of the person's accounts plus the retention period. */
    public long expiresAt = Long.MAX_VALUE;

    @Override
    public WorkingTime workingTime() {
        return time;
    }

    /** Kept while anything is in progress, and until no account has shown a sign for the retention period. */
    @Override
    @JsonIgnore
    public boolean forgettable() {
        return time.idle() && time.clock >= expiresAt;
    }

    /** Also when the retention period ends, so that a person gone for good is dropped by stream time alone. */
    @Override
    public Long due(WorkingTime.Rules rules) {
        Long due = time.due(rules);
        if (expiresAt == Long.MAX_VALUE) {
            return due;
        }
        return due == null ? Long.valueOf(expiresAt) : Long.valueOf(Math.min(due, expiresAt));
    }

    /** Judged only with two or more platforms: otherwise the platform scope already says it all. */
    @JsonIgnore
    public boolean multiPlatform() {
        return registered.size() >= 2;
    }
}
