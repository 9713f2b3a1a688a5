package id.perisai.api.collection.rules;

import java.time.LocalDate;

import id.perisai.api.participant.rules.Coverage;

/**
 * The lapses a run of the daily {@code participant.lapsed} job announces (events.md): those whose day
 * ({@link CollectionRule#lapsesOn}, 00:00 WIB) is after {@code after} and at the latest {@code through}, the WIB day
 * of the run. A run looks {@code catchUpDays} back, so a day on which no replica ran is made good by the next run;
 * what an earlier run announced is recorded and not announced again.
 * <p>
 * Pure; the job's query applies the same bounds in SQL to {@link CollectionRule#lapsesOnSql} of the participant.
 *
 * @param after the last day not looked at (exclusive)
 * @param through the day of the run (inclusive)
 */
public record LapseWindow(LocalDate after, LocalDate through) {

    /** The window of a run on WIB day {@code today}. */
    public static LapseWindow endingOn(LocalDate today, int catchUpDays) {
        if (catchUpDays < 1) {
            throw new IllegalArgumentException("a run looks at least at its own day");
        }
        return new LapseWindow(today.minusDays(catchUpDays), today);
    }

    /** Whether a participant of this coverage lapsed within the window (a VOID or stored LAPSED one is not asked). */
    public boolean announces(LocalDate registrationMonth, LocalDate coveredUntil) {
        LocalDate lapsesOn = CollectionRule.lapsesOn(Coverage.firstUnpaid(registrationMonth, coveredUntil));
        return lapsesOn.isAfter(after) && !lapsesOn.isAfter(through);
    }
}
