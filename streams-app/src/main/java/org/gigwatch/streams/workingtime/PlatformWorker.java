package org.gigwatch.streams.workingtime;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The state of one platform account (key platformId/workerId): its session and its working time. */
public final class PlatformWorker implements Subjects.Tracked {
    public SessionPresence session = new SessionPresence();
    public WorkingTime time = new WorkingTime();
    /** The region of its latest event: rules and local days are the region's. */
    public String region;
    /** The person behind the account, from its events (the registration's, if any, wins in reports). */
    public String workerKey;

    @Override
    public WorkingTime workingTime() {
        return time;
    }

    @Override
    @JsonIgnore
    public boolean forgettable() {
        return !session.loggedIn && time.idle();
    }
}
