package id.perisai.api.sponsorship.rules;

import java.time.LocalDate;
import java.time.YearMonth;

import id.perisai.api.contribution.rules.ContributionCalculator;
import id.perisai.api.contribution.rules.ContributionCalculator.Basis;
import id.perisai.api.contribution.rules.ContributionCalculator.MonthDue;
import id.perisai.api.contribution.rules.RateTable;
import id.perisai.api.participant.rules.Coverage;

/**
 * A member's place on a month's invoice (growth.md §2): its exact due for that one month, priced for the sponsorship's
 * payer type (rules.md §4: GOVERNMENT money gets no PP 50/2025 discount), or excluded, checked in this order:
 * {@code VOID}; {@code ALREADY_PAID} (covered through the month); {@code LAPSED} (now, the current WIB month);
 * {@code NOT_YET_REGISTERED} (coverage starts after the month); {@code NOT_CONTIGUOUS} (an earlier month is unpaid).
 * Pure.
 */
public final class InvoiceRule {

    /** A member as the invoice needs it. */
    public record Member(String storedStatus, LocalDate registrationMonth, LocalDate coveredUntil, Basis basis) {
    }

    /** On the invoice with its due ({@code reason} null), or excluded with a reason ({@code due} null). */
    public record Placement(MonthDue due, ExclusionReason reason) {
    }

    private InvoiceRule() {
    }

    public static Placement place(Member m, YearMonth month, YearMonth current, SponsorPayerType payer, RateTable rates) {
        if ("VOID".equals(m.storedStatus())) {
            return new Placement(null, ExclusionReason.VOID);
        }
        if (m.coveredUntil() != null && !YearMonth.from(m.coveredUntil()).isBefore(month)) {
            return new Placement(null, ExclusionReason.ALREADY_PAID);
        }
        if ("LAPSED".equals(Coverage.status(m.storedStatus(), m.registrationMonth(), m.coveredUntil(), current))) {
            return new Placement(null, ExclusionReason.LAPSED);
        }
        YearMonth firstUnpaid = Coverage.firstUnpaid(m.registrationMonth(), m.coveredUntil());
        if (firstUnpaid.isAfter(month)) {
            return new Placement(null, ExclusionReason.NOT_YET_REGISTERED);
        }
        if (firstUnpaid.isBefore(month)) {
            return new Placement(null, ExclusionReason.NOT_CONTIGUOUS);
        }
        return new Placement(ContributionCalculator.month(rates, m.basis(), payer.payerType(), month), null);
    }
}
