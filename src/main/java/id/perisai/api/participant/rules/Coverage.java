package id.perisai.api.participant.rules;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Coverage of a participant (rules.md §4): the first unpaid month is the registration month when nothing is paid,
 * else the month after the last paid one; a participant whose first unpaid month is more than 3 months before the
 * current WIB month is LAPSED (arrears may be paid at most 3 months back). VOID and an explicitly LAPSED registry
 * status stand as they are.
 */
public final class Coverage {

    /** Months of arrears that may still be paid. */
    public static final int ARREARS_MONTHS = 3;

    /**
     * The same rule in SQL, for a participant row {@code p} and a current month (first day) given as parameter
     * {@code month}: true when the participant is LAPSED.
     */
    public static String lapsedSql(String p, String month) {
        return "(" + p + ".status = 'LAPSED' or (" + p + ".status = 'ACTIVE' and " + firstUnpaidSql(p) + " < (" + month
                + "::date - interval '" + ARREARS_MONTHS + " months')::date))";
    }

    /** {@link #firstUnpaid} in SQL for a participant row {@code p}: the first day of its first unpaid month. */
    public static String firstUnpaidSql(String p) {
        return "coalesce((" + p + ".covered_until + interval '1 month')::date, " + p + ".registration_month)";
    }

    /** The participant's status as of the current month. */
    public static String status(String stored, LocalDate registrationMonth, LocalDate coveredUntil, YearMonth current) {
        if ("VOID".equals(stored) || "LAPSED".equals(stored)) {
            return stored;
        }
        return isLapsed(firstUnpaid(registrationMonth, coveredUntil), current) ? "LAPSED" : "ACTIVE";
    }

    public static YearMonth firstUnpaid(LocalDate registrationMonth, LocalDate coveredUntil) {
        return coveredUntil == null ? YearMonth.from(registrationMonth) : YearMonth.from(coveredUntil).plusMonths(1);
    }

    /** First unpaid 2026-07: payable until 2026-10 (three months back), LAPSED from 2026-11. */
    public static boolean isLapsed(YearMonth firstUnpaid, YearMonth current) {
        return firstUnpaid.isBefore(current.minusMonths(ARREARS_MONTHS));
    }
}
