package id.perisai.api.contribution.rules;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.contribution.rules.ContributionCalculator.Basis;
import id.perisai.api.contribution.rules.ContributionCalculator.Due;
import id.perisai.api.contribution.rules.ContributionRecordValidator.ValidContribution;
import id.perisai.api.participant.rules.Coverage;
import id.perisai.api.participant.rules.Occupation;

/**
 * Whether a well-formed payment is accepted (rules.md §4), given the participant as it stands: it must exist and not
 * be VOID, its reference must be unused by the partner, the participant must not be LAPSED, the period must start at
 * the first unpaid month and end at most 12 months after the current one, and the amount must equal the due exactly.
 * Pure.
 */
public final class PaymentDecision {

    public static final int MAX_MONTHS_AHEAD = 12;

    /** The participant a payment names, as locked for the decision; null fields for registry-only entries. */
    public record ParticipantState(UUID id, String storedStatus, LocalDate registrationMonth, LocalDate coveredUntil,
            Long monthlyIncome, String occupation, boolean jht) {
    }

    /** ACCEPTED (with the due, month by month), DUPLICATE or REJECTED with every reason. */
    public record Decision(String status, List<FieldError> errors, Long expectedAmount, Due due) {
        public boolean accepted() {
            return "ACCEPTED".equals(status);
        }
    }

    private PaymentDecision() {
    }

    public static Decision decide(ValidContribution payment, ParticipantState participant, boolean referenceUsed,
            YearMonth currentMonth, RateTable rates) {
        if (participant == null || "VOID".equals(participant.storedStatus()) || participant.monthlyIncome() == null
                || Occupation.ofCode(participant.occupation()) == null) {
            return rejected(List.of(new FieldError("nik", "PARTICIPANT_NOT_FOUND",
                    "no participant registered with this NIK can be paid for")), null);
        }
        if (referenceUsed) {
            return new Decision("DUPLICATE", List.of(new FieldError("paymentRef", "PAYMENT_DUPLICATE",
                    "this partner already has a payment with this reference")), null, null);
        }
        YearMonth firstUnpaid = Coverage.firstUnpaid(participant.registrationMonth(), participant.coveredUntil());
        if ("LAPSED".equals(participant.storedStatus()) || Coverage.isLapsed(firstUnpaid, currentMonth)) {
            return rejected(List.of(new FieldError("nik", "PARTICIPANT_LAPSED",
                    "the participant is LAPSED (unpaid for more than " + Coverage.ARREARS_MONTHS
                            + " months): register the worker again to restart coverage")),
                    null);
        }
        List<FieldError> errors = new ArrayList<>();
        YearMonth start = payment.periodStart();
        if (!start.equals(firstUnpaid)) {
            boolean overlaps = participant.coveredUntil() != null
                    && !start.isAfter(YearMonth.from(participant.coveredUntil()));
            errors.add(overlaps
                    ? new FieldError("periodStart", "PERIOD_ALREADY_PAID",
                            "the period overlaps months already paid; the next month to pay is " + firstUnpaid)
                    : new FieldError("periodStart", "PERIOD_NOT_CONTIGUOUS",
                            "payments must start at the first unpaid month, " + firstUnpaid));
        }
        YearMonth end = start.plusMonths(payment.months() - 1L);
        if (end.isAfter(currentMonth.plusMonths(MAX_MONTHS_AHEAD))) {
            errors.add(new FieldError("months", "PERIOD_TOO_FAR_AHEAD", "covered months may reach at most "
                    + MAX_MONTHS_AHEAD + " months past the current month (" + currentMonth.plusMonths(MAX_MONTHS_AHEAD) + ")"));
        }
        Due due = ContributionCalculator.due(rates, basis(participant), payment.payerType(), start, payment.months());
        Long expected = null;
        if (due.amount() != payment.amount()) {
            expected = due.amount();
            errors.add(new FieldError("amount", "AMOUNT_MISMATCH", "the amount due for these months is " + due.amount()));
        }
        if (!errors.isEmpty()) {
            return rejected(errors, expected);
        }
        return new Decision("ACCEPTED", List.of(), null, due);
    }

    public static Basis basis(ParticipantState participant) {
        return new Basis(participant.monthlyIncome(), Occupation.ofCode(participant.occupation()).occupationClass(),
                participant.jht());
    }

    /** The 1-based month of membership of a covered month (the registration month is month 1). */
    public static int membershipMonth(LocalDate registrationMonth, YearMonth covered) {
        YearMonth registered = YearMonth.from(registrationMonth);
        return (int) (registered.until(covered, java.time.temporal.ChronoUnit.MONTHS) + 1);
    }

    private static Decision rejected(List<FieldError> errors, Long expected) {
        return new Decision("REJECTED", List.copyOf(errors), expected, null);
    }
}
