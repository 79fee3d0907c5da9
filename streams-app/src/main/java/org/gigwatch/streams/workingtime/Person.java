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

    @Override
    public WorkingTime workingTime() {
        return time;
    }

    /** Registrations are kept: they decide whether the person is judged at all. */
    @Override
    @JsonIgnore
    public boolean forgettable() {
        return false;
    }

    /** Judged only with two or more platforms: otherwise the platform scope already says it all. */
    @JsonIgnore
    public boolean multiPlatform() {
        return registered.size() >= 2;
    }
}
