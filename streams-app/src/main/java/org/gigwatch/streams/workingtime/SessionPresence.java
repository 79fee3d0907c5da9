package org.gigwatch.streams.workingtime;

import org.gigwatch.avro.SessionEventType;

/**
 * Whether an account is online (logged in and not on a declared break), driven by its session events in
 * event-time order. The written rules for malformed sessions (docs/WORKING-TIME.md) never invent working time:
 * <ul>
 *   <li>LOGIN while logged in and online: ignored, the session continues from the first LOGIN;</li>
 *   <li>LOGIN while on a break: the worker is online again (the break ends);</li>
 *   <li>LOGOUT without LOGIN: ignored; LOGOUT during a break: logged out, the break was not working time;</li>
 *   <li>BREAK_START while logged out or already on a break: ignored;</li>
 *   <li>BREAK_END without BREAK_START (online, or logged out): ignored.</li>
 * </ul>
 * INCIDENT does not change working time.
 */
public final class SessionPresence {
    /** What an event does to working time. */
    public enum Change { ONLINE, OFFLINE, NONE, ANOMALY }

    public boolean loggedIn;
    public boolean onBreak;

    public Change apply(SessionEventType type) {
        switch (type) {
            case LOGIN:
                if (online()) {
                    return Change.ANOMALY;
                }
                loggedIn = true;
                onBreak = false;
                return Change.ONLINE;
            case LOGOUT:
                if (!loggedIn) {
                    return Change.ANOMALY;
                }
                boolean wasOnline = !onBreak;
                loggedIn = false;
                onBreak = false;
                return wasOnline ? Change.OFFLINE : Change.NONE;
            case BREAK_START:
                if (!loggedIn || onBreak) {
                    return Change.ANOMALY;
                }
                onBreak = true;
                return Change.OFFLINE;
            case BREAK_END:
                if (!loggedIn || !onBreak) {
                    return Change.ANOMALY;
                }
                onBreak = false;
                return Change.ONLINE;
            default:
                return Change.NONE;
        }
    }

    public boolean online() {
        return loggedIn && !onBreak;
    }
}
