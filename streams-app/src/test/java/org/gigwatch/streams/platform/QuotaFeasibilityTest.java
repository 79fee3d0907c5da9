package org.gigwatch.streams.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QUOTA's judgement on hand-built days: the 90% line, the 30-worker floor, who is judged, the quota in force. */
class QuotaFeasibilityTest {
    private static final long HOUR = 3_600_000L;
    private static final long LEGAL = 8 * HOUR;
    private static final LocalDate DAY = LocalDate.of(2025, 9, 29);

    /** A worker who worked {@code worked} ms and delivered at these working times. */
    private static QuotaDay day(int i, long worked, long... workedAt) {
        return new QuotaDay("swiftmeal", "w" + i, "310000", "rider", DAY.toEpochDay(), 0, 24 * HOUR, worked, workedAt, LEGAL);
    }

    /** n workers of a full 9 h day: {@code reaching} deliver their 10th order at 7 h, the others only 9 orders. */
    private static List<QuotaDay> fullDays(int n, int reaching) {
        List<QuotaDay> days = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] at = new long[i < reaching ? 10 : 9];
            for (int k = 0; k < at.length; k++) {
                at[k] = (k + 1) * 42 * 60_000L; // the 10th at 7:00
            }
            days.add(day(i, 9 * HOUR, at));
        }
        return days;
    }

    @Test
    void exactlyNinetyPercentIsNoViolation() {
        QuotaFeasibility.Share share = QuotaFeasibility.share(fullDays(30, 27), 10);
        assertThat(share.judged()).isEqualTo(30);
        assertThat(share.reached()).isEqualTo(27);
        assertThat(share.basisPoints()).isEqualTo(9000);
        assertThat(share.violation()).isFalse();
    }

    @Test
    void justUnderNinetyPercentIsAViolation() {
        QuotaFeasibility.Share share = QuotaFeasibility.share(fullDays(30, 26), 10);
        assertThat(share.basisPoints()).isEqualTo(8666); // 26/30, rounded down
        assertThat(share.violation()).isTrue();
        // 89.99…%: 899 of 999 would need 999 workers; 35 of 39 is 89.74%
        assertThat(QuotaFeasibility.share(fullDays(39, 35), 10).violation()).isTrue();
        assertThat(QuotaFeasibility.share(fullDays(40, 36), 10).violation()).isFalse(); // 90.0%
    }

    @Test
    void twentyNineWorkersAreNotJudgedEvenIfNobodyReachesTheQuota() {
        QuotaFeasibility.Share share = QuotaFeasibility.share(fullDays(29, 0), 10);
        assertThat(share.judged()).isEqualTo(29);
        assertThat(share.reached()).isZero();
        assertThat(share.violation()).isFalse();
        assertThat(QuotaFeasibility.share(fullDays(30, 0), 10).violation()).isTrue();
    }

    @Test
    void whoStoppedEarlyWithoutReachingItIsNotJudgedAndExactlyEightHoursCounts() {
        List<QuotaDay> days = new ArrayList<>(fullDays(30, 27));
        days.add(day(100, 5 * HOUR, HOUR, 2 * HOUR)); // a short day without the quota: shows nothing
        days.add(day(101, 3 * HOUR, 10, 20, 30, 40, 50, 60, 70, 80, 90, 3 * HOUR)); // a short day that reached it: counts
        days.add(day(102, LEGAL, 1, 2, 3, 4, 5, 6, 7, 8, 9, LEGAL)); // the 10th at exactly 8:00:00: reached
        days.add(day(103, 9 * HOUR, 1, 2, 3, 4, 5, 6, 7, 8, 9, LEGAL + 1)); // 1 ms later: judged, not reached
        QuotaFeasibility.Share share = QuotaFeasibility.share(days, 10);
        assertThat(share.judged()).isEqualTo(33);
        assertThat(share.reached()).isEqualTo(29);
        assertThat(share.timeToQuota()).containsEntry("6-7h", 27).containsEntry("2-3h", 1).containsEntry("7-8h", 1)
                .containsEntry("not reached", 4).containsEntry("0-1h", 0);
        assertThat(share.distribution()).startsWith("0-1h:0,1-2h:0,2-3h:1,").endsWith("7-8h:1,not reached:4");
    }

    @Test
    void theQuotaInForceIsTheLatestEffectivePublishedBeforeTheDayEnded() {
        long dayEnd = 24 * HOUR;
        QuotaBook book = new QuotaBook();
        book.add(new QuotaBook.Entry("base", DAY.minusDays(3).toEpochDay(), -HOUR, 12));
        book.add(new QuotaBook.Entry("today", DAY.toEpochDay(), 5, 20));
        book.add(new QuotaBook.Entry("tomorrow", DAY.plusDays(1).toEpochDay(), 5, 30));
        book.add(new QuotaBook.Entry("too-late", DAY.toEpochDay(), dayEnd, 40)); // published as the day ended
        assertThat(book.inForce(DAY, dayEnd)).get().extracting(QuotaBook.Entry::eventId).isEqualTo("today");
        assertThat(book.inForce(DAY.minusDays(1), dayEnd - 24 * HOUR)).get().extracting(QuotaBook.Entry::eventId)
                .isEqualTo("base");
        assertThat(book.inForce(DAY.minusDays(4), 0)).isEmpty();
        book.add(new QuotaBook.Entry("today-again", DAY.toEpochDay(), 5, 21)); // same effective day and time: the later
        assertThat(book.inForce(DAY, dayEnd)).get().extracting(QuotaBook.Entry::ordersPerDay).isEqualTo(21);
        assertThat(book.add(new QuotaBook.Entry("today", DAY.toEpochDay(), 5, 20))).as("an exact repeat").isFalse();
        // the same id again with another quota: a correction, the later in the stream
        assertThat(book.add(new QuotaBook.Entry("today", DAY.toEpochDay(), 5, 25))).isTrue();
        assertThat(book.inForce(DAY, dayEnd)).get().extracting(QuotaBook.Entry::ordersPerDay).isEqualTo(25);
    }
}
