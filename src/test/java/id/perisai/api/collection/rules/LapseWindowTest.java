package id.perisai.api.collection.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.common.time.TimeSource;
import id.perisai.api.participant.rules.Coverage;

/** The lapses a run of the daily participant.lapsed job announces: the collection list's lapsesOn edge, in WIB. */
class LapseWindowTest {

    /** The WIB day a clock reading this WIB time gives the job. */
    static LocalDate todayAt(String wib) {
        TimeSource time = new TimeSource(
                Clock.fixed(LocalDateTime.parse(wib).atZone(TimeSource.WIB).toInstant(), ZoneOffset.UTC)) {
        };
        return time.todayWib();
    }

    static LocalDate month(String yearMonth) {
        return yearMonth == null ? null : YearMonth.parse(yearMonth).atDay(1);
    }

    @ParameterizedTest(name = "{0}: at {1} WIB, registered {2}, covered until {3} → {5}")
    @CsvSource(nullValues = "-", textBlock = """
            # case,                             run at (WIB),      registered, coveredUntil, catchUp, announced
            rules.md example - the minute before, 2026-10-31T23:59, 2026-01,    2026-06,      7,       false
            rules.md example - at midnight,      2026-11-01T00:00, 2026-01,    2026-06,      7,       true
            rules.md example - that morning,     2026-11-01T00:05, 2026-01,    2026-06,      7,       true
            never paid - at midnight,            2026-11-01T00:00, 2026-07,    -,            7,       true
            never paid - the minute before,      2026-10-31T23:59, 2026-07,    -,            7,       false
            paid one more month,                 2026-11-01T00:05, 2026-01,    2026-07,      7,       false
            lapsed a month before,               2026-11-01T00:05, 2026-01,    2026-05,      7,       false
            last day of the catch-up,            2026-11-07T23:59, 2026-01,    2026-06,      7,       true
            after the catch-up,                  2026-11-08T00:00, 2026-01,    2026-06,      7,       false
            catch-up of one day - next day,      2026-11-02T00:05, 2026-01,    2026-06,      1,       false
            year end - the minute before,        2026-12-31T23:59, 2026-01,    2026-08,      7,       false
            year end - at midnight,              2027-01-01T00:00, 2026-01,    2026-08,      7,       true
            """)
    void aRunAnnouncesTheLapsesOfItsWindow(String name, String runAt, String registered, String coveredUntil,
            int catchUpDays, boolean announced) {
        LapseWindow window = LapseWindow.endingOn(todayAt(runAt), catchUpDays);
        assertEquals(announced, window.announces(month(registered), month(coveredUntil)), name);
    }

    @Test
    void aDailyRunAnnouncesEachLapseOnTheDayTheCollectionRuleMakesItLapsed() {
        // every first unpaid month over two years, every day around its edge: a run with no catch-up announces the
        // participant exactly on the first day Coverage (and so the collection list) calls it LAPSED
        for (YearMonth firstUnpaid = YearMonth.of(2026, 1); firstUnpaid
                .isBefore(YearMonth.of(2028, 1)); firstUnpaid = firstUnpaid
                        .plusMonths(1)) {
            LocalDate registered = firstUnpaid.minusMonths(1).atDay(1);
            LocalDate coveredUntil = firstUnpaid.minusMonths(1).atDay(1);
            LocalDate edge = CollectionRule.lapsesOn(firstUnpaid);
            for (LocalDate day = edge.minusDays(3); day.isBefore(edge.plusDays(3)); day = day.plusDays(1)) {
                boolean lapsedToday = "LAPSED"
                        .equals(Coverage.status("ACTIVE", registered, coveredUntil, YearMonth.from(day)));
                boolean lapsedYesterday = "LAPSED"
                        .equals(Coverage.status("ACTIVE", registered, coveredUntil, YearMonth.from(day.minusDays(1))));
                assertEquals(lapsedToday && !lapsedYesterday,
                        LapseWindow.endingOn(day, 1).announces(registered, coveredUntil), firstUnpaid + " on " + day);
                var position = CollectionRule.position("ACTIVE", registered, coveredUntil, YearMonth.from(day),
                        YearMonth.from(day));
                assertEquals(edge, position.lapsesOn(), firstUnpaid + " on " + day);
            }
        }
    }

    @Test
    void aRunLooksAtLeastAtItsOwnDay() {
        assertThrows(IllegalArgumentException.class, () -> LapseWindow.endingOn(LocalDate.of(2026, 11, 1), 0));
    }
}
