package org.gigwatch.streams.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gigwatch.avro.SessionEventType;
import org.junit.jupiter.api.Test;

/** An account's working time from local midnight and at each delivery, as the quota rule counts it. */
class AccountDayLogTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2025, 9, 29);
    private static final long MIN = 60_000L;
    private final List<QuotaDay> closed = new ArrayList<>();

    private static long at(long minutes) {
        return DAY.atStartOfDay(ZONE).toInstant().toEpochMilli() + minutes * MIN;
    }

    private static AccountDayLog log() {
        AccountDayLog log = new AccountDayLog("swiftmeal", "w1", "310000", ZONE);
        log.role = "rider";
        log.legalMs = 480 * MIN;
        return log;
    }

    /** Through JSON, as the changelogged store keeps it between events. */
    private static AccountDayLog roundTrip(AccountDayLog log) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return json.readValue(json.writeValueAsBytes(log), AccountDayLog.class);
    }

    @Test
    void workingTimeAtEachDeliveryCountsOnlineTimeFromMidnightWithoutBreaks() throws Exception {
        AccountDayLog log = log();
        log.session(SessionEventType.LOGIN, at(8 * 60), closed::add);
        log = roundTrip(log);
        log.delivered(at(9 * 60), closed::add);
        log.session(SessionEventType.BREAK_START, at(10 * 60), closed::add);
        log = roundTrip(log);
        log.session(SessionEventType.BREAK_END, at(10 * 60 + 30), closed::add);
        log.delivered(at(11 * 60), closed::add);
        log.session(SessionEventType.LOGOUT, at(12 * 60), closed::add);
        log = roundTrip(log);
        assertThat(closed).isEmpty();
        log.advanceTo(at(24 * 60), closed::add);
        assertThat(closed).hasSize(1);
        QuotaDay day = closed.get(0);
        assertThat(day.day()).isEqualTo(DAY);
        assertThat(day.workedMs()).isEqualTo(210 * MIN);
        assertThat(day.workedAt()).containsExactly(60 * MIN, 150 * MIN);
        assertThat(day.group()).isEqualTo("swiftmeal/310000/rider");
        assertThat(log.idle()).isTrue();
    }

    @Test
    void aNightShiftIsCutAtLocalMidnightAndADeliveryAtMidnightIsTheNextDays() {
        AccountDayLog log = log();
        log.session(SessionEventType.LOGIN, at(22 * 60), closed::add);
        log.delivered(at(23 * 60), closed::add);
        log.delivered(at(24 * 60), closed::add); // exactly midnight: the next day's, after no work that day
        log.delivered(at(25 * 60), closed::add);
        log.session(SessionEventType.LOGOUT, at(26 * 60), closed::add);
        log.advanceTo(at(48 * 60), closed::add);
        assertThat(closed).extracting(QuotaDay::day).containsExactly(DAY, DAY.plusDays(1));
        assertThat(closed.get(0).workedMs()).isEqualTo(120 * MIN);
        assertThat(closed.get(0).workedAt()).containsExactly(60 * MIN);
        assertThat(closed.get(1).workedMs()).isEqualTo(120 * MIN);
        assertThat(closed.get(1).workedAt()).containsExactly(0, 60 * MIN);
    }

    @Test
    void anAccountWithoutARoleIsNotJudged() {
        AccountDayLog log = log();
        log.role = null;
        log.session(SessionEventType.LOGIN, at(8 * 60), closed::add);
        log.session(SessionEventType.LOGOUT, at(9 * 60), closed::add);
        log.advanceTo(at(24 * 60), closed::add);
        assertThat(closed).isEmpty();
    }
}
