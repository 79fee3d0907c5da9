package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gigwatch.avro.SessionEventType.BREAK_END;
import static org.gigwatch.avro.SessionEventType.BREAK_START;
import static org.gigwatch.avro.SessionEventType.INCIDENT;
import static org.gigwatch.avro.SessionEventType.LOGIN;
import static org.gigwatch.avro.SessionEventType.LOGOUT;
import static org.gigwatch.streams.workingtime.SessionPresence.Change.ANOMALY;
import static org.gigwatch.streams.workingtime.SessionPresence.Change.NONE;
import static org.gigwatch.streams.workingtime.SessionPresence.Change.OFFLINE;
import static org.gigwatch.streams.workingtime.SessionPresence.Change.ONLINE;

import org.junit.jupiter.api.Test;

/** The written rules for sessions, malformed ones included (docs/WORKING-TIME.md). */
class SessionPresenceTest {
    private final SessionPresence session = new SessionPresence();

    @Test
    void aWellFormedSession() {
        assertThat(session.apply(LOGIN)).isEqualTo(ONLINE);
        assertThat(session.apply(BREAK_START)).isEqualTo(OFFLINE);
        assertThat(session.apply(BREAK_END)).isEqualTo(ONLINE);
        assertThat(session.apply(INCIDENT)).isEqualTo(NONE);
        assertThat(session.apply(LOGOUT)).isEqualTo(OFFLINE);
        assertThat(session.loggedIn).isFalse();
    }

    @Test
    void logoutWithoutLoginInventsNoTime() {
        assertThat(session.apply(LOGOUT)).isEqualTo(ANOMALY);
        assertThat(session.online()).isFalse();
    }

    @Test
    void aSecondLoginContinuesTheSession() {
        session.apply(LOGIN);
        assertThat(session.apply(LOGIN)).isEqualTo(ANOMALY);
        assertThat(session.online()).isTrue();
        assertThat(session.apply(LOGOUT)).isEqualTo(OFFLINE);
    }

    @Test
    void aLoginDuringABreakEndsTheBreak() {
        session.apply(LOGIN);
        session.apply(BREAK_START);
        assertThat(session.apply(LOGIN)).isEqualTo(ONLINE);
    }

    @Test
    void breakEndWithoutBreakStartIsIgnored() {
        assertThat(session.apply(BREAK_END)).isEqualTo(ANOMALY);     // logged out
        session.apply(LOGIN);
        assertThat(session.apply(BREAK_END)).isEqualTo(ANOMALY);     // online, no break
        assertThat(session.online()).isTrue();
    }

    @Test
    void aBreakStartWhileLoggedOutOrOnABreakIsIgnored() {
        assertThat(session.apply(BREAK_START)).isEqualTo(ANOMALY);
        session.apply(LOGIN);
        session.apply(BREAK_START);
        assertThat(session.apply(BREAK_START)).isEqualTo(ANOMALY);
    }

    @Test
    void aLogoutDuringABreakEndsTheSessionWithoutCountingTheBreak() {
        session.apply(LOGIN);
        session.apply(BREAK_START);
        assertThat(session.apply(LOGOUT)).isEqualTo(NONE); // already offline since the break started
        assertThat(session.loggedIn).isFalse();
    }
}
