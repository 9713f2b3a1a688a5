package id.perisai.api.collection.rules;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

import id.perisai.api.participant.rules.Coverage;

/**
 * Who must pay for a month, and by when (growth.md §1, rules.md §4). A non-VOID participant whose first unpaid month
 * is at or before the month {@code m} asked about is listed; one paid through {@code m} is not.
 * <ul>
 * <li>{@code lapsesOn} is the first day of the fourth month after the first unpaid one (arrears may be paid
 * {@value Coverage#ARREARS_MONTHS} months back): first unpaid 2026-07 → lapses on 2026-11-01 (00:00 WIB).</li>
 * <li>{@code LAPSED} when the participant is lapsed now (the current WIB month), or stored LAPSED;
 * {@code AT_RISK} when it lapses by the end of {@code m} unless paid ({@code lapsesOn} ≤ the first day of
 * {@code m + 1}); {@code DUE} otherwise.</li>
 * <li>{@code payableMonths} are the months from the first unpaid one through {@code m} (none for a LAPSED one: it
 * cannot be paid); their due, payer SELF, is what {@code POST /v1/contributions/quote} gives for them.</li>
 * </ul>
 * Pure; {@link #STATUS_SQL} is the same rule in SQL, used to filter and order pages.
 */
public final class CollectionRule {

    /** Months after the first unpaid one on whose first day the participant lapses. */
    public static final int LAPSE_AFTER_MONTHS = Coverage.ARREARS_MONTHS + 1;

    /** A listed participant's position. */
    public record Position(YearMonth firstUnpaidMonth, LocalDate lapsesOn, CollectionStatus status, int payableMonths) {
    }

    /**
     * The rule in SQL over the columns {@code first_unpaid} (date, first day) and {@code p.status}, with {@code $C}
     * the current month and {@code $M} the month asked about (first days, as SQL text of parameters).
     */
    public static String statusSql(String current, String month) {
        return "case when p.status = 'LAPSED' or first_unpaid < (" + current + "::date - interval '"
                + Coverage.ARREARS_MONTHS + " months')::date then 'LAPSED' when " + lapsesOnSql("first_unpaid")
                + " <= (" + month + "::date + interval '1 month')::date then 'AT_RISK' else 'DUE' end";
    }

    /**
     * The day (00:00 WIB) a participant whose first unpaid month is {@code firstUnpaid} lapses unless paid: the first
     * day of the {@value #LAPSE_AFTER_MONTHS}th month after it (first unpaid 2026-07 → 2026-11-01). From that day
     * {@link Coverage#isLapsed} holds; the day before it does not.
     */
    public static LocalDate lapsesOn(YearMonth firstUnpaid) {
        return firstUnpaid.plusMonths(LAPSE_AFTER_MONTHS).atDay(1);
    }

    /** {@link #lapsesOn} in SQL over a date expression holding the first day of the first unpaid month. */
    public static String lapsesOnSql(String firstUnpaid) {
        return "(" + firstUnpaid + " + interval '" + LAPSE_AFTER_MONTHS + " months')::date";
    }

    /** {@link #statusSql} with parameters named as the repository passes them. */
    public static final String STATUS_SQL = statusSql("$2", "$3");

    private CollectionRule() {
    }

    /**
     * The position of a participant for month {@code month} as of the current month, or null when it is not listed
     * (VOID, or paid through {@code month}).
     */
    public static Position position(String storedStatus, LocalDate registrationMonth, LocalDate coveredUntil,
            YearMonth month, YearMonth current) {
        if ("VOID".equals(storedStatus)) {
            return null;
        }
        YearMonth firstUnpaid = Coverage.firstUnpaid(registrationMonth, coveredUntil);
        if (firstUnpaid.isAfter(month)) {
            return null;
        }
        LocalDate lapsesOn = lapsesOn(firstUnpaid);
        if ("LAPSED".equals(storedStatus) || Coverage.isLapsed(firstUnpaid, current)) {
            return new Position(firstUnpaid, lapsesOn, CollectionStatus.LAPSED, 0);
        }
        int payable = (int) firstUnpaid.until(month, ChronoUnit.MONTHS) + 1;
        CollectionStatus status = lapsesOn.isAfter(month.plusMonths(1).atDay(1)) ? CollectionStatus.DUE
                : CollectionStatus.AT_RISK;
        return new Position(firstUnpaid, lapsesOn, status, payable);
    }
}
