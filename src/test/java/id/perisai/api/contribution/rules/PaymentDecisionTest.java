package id.perisai.api.contribution.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.contribution.rules.ContributionRecordValidator.ValidContribution;
import id.perisai.api.contribution.rules.PaymentDecision.Decision;
import id.perisai.api.contribution.rules.PaymentDecision.ParticipantState;

/** rules.md §4: every rejection of a well-formed payment, table-driven. The current month is 2026-11. */
class PaymentDecisionTest {

    static final YearMonth NOW = YearMonth.of(2026, 11);
    static final RateTable RATES = ContributionCalculatorTest.TABLE;

    /** A PEDAGANG (general) with income 1,000,000 and JHT, registered 2026-09, paid through 2026-10. */
    static ParticipantState participant(String registered, String coveredUntil) {
        return new ParticipantState(UUID.randomUUID(), "ACTIVE", YearMonth.parse(registered).atDay(1),
                coveredUntil == null ? null : YearMonth.parse(coveredUntil).atDay(1), 1_000_000L, "PEDAGANG", true);
    }

    static ValidContribution payment(String start, int months, long amount, PayerType payer) {
        return new ValidContribution(Nik.of("3201014101900001").orElseThrow(), "REF-1", YearMonth.parse(start), months,
                amount, payer, payer == PayerType.SELF ? null : "Payer", OffsetDateTime.parse("2026-11-20T09:00:00+07:00"),
                null);
    }

    @Test
    void exactPaymentOfTheFirstUnpaidMonthIsAccepted() {
        Decision d = PaymentDecision.decide(payment("2026-11", 2, 56_800, PayerType.SELF), participant("2026-09", "2026-10"),
                false, NOW, RATES);
        assertEquals("ACCEPTED", d.status());
        assertEquals(56_800, d.due().amount());
    }

    @Test
    void firstPaymentStartsAtTheRegistrationMonth() {
        assertEquals("ACCEPTED", PaymentDecision.decide(payment("2026-09", 1, 28_400, PayerType.SELF),
                participant("2026-09", null), false, NOW, RATES).status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "before the first unpaid month, overlapping | 2026-10 | 1 | 28400 | 2026-09 | 2026-10 | PERIOD_ALREADY_PAID",
            "skipping a month                           | 2026-12 | 1 | 28400 | 2026-09 | 2026-10 | PERIOD_NOT_CONTIGUOUS",
            "before the registration month              | 2026-08 | 1 | 28400 | 2026-09 | -       | PERIOD_NOT_CONTIGUOUS",
            "wrong amount                               | 2026-11 | 1 | 28000 | 2026-09 | 2026-10 | AMOUNT_MISMATCH" })
    void periodAndAmountRules(String name, String start, int months, long amount, String registered, String covered,
            String code) {
        Decision d = PaymentDecision.decide(payment(start, months, amount, PayerType.SELF), participant(registered, covered),
                false, NOW, RATES);
        if (code == null) {
            assertEquals("ACCEPTED", d.status(), d.errors().toString());
            return;
        }
        assertEquals("REJECTED", d.status());
        assertEquals(code, d.errors().get(0).code());
    }

    @Test
    void coverageMayReachTwelveMonthsPastTheCurrentMonthButNotThirteen() {
        ParticipantState p = participant("2026-09", "2026-11");
        long due = ContributionCalculator.due(RATES, PaymentDecision.basis(p), PayerType.SELF, YearMonth.of(2026, 12), 12)
                .amount();
        Decision ok = PaymentDecision.decide(payment("2026-12", 12, due, PayerType.SELF), p, false, NOW, RATES);
        assertEquals("ACCEPTED", ok.status(), "through 2027-11, twelve months past 2026-11");
        ParticipantState later = participant("2026-09", "2026-12");
        Decision tooFar = PaymentDecision.decide(payment("2027-01", 12, 1, PayerType.SELF), later, false, NOW, RATES);
        assertEquals(List.of("PERIOD_TOO_FAR_AHEAD", "AMOUNT_MISMATCH"),
                tooFar.errors().stream().map(FieldError::code).toList());
    }

    @Test
    void amountMismatchStatesTheExpectedAmount() {
        Decision d = PaymentDecision.decide(payment("2026-11", 1, 28_000, PayerType.GOVERNMENT),
                participant("2026-09", "2026-10"),
                false, NOW, RATES);
        assertEquals(36_800L, d.expectedAmount(), "10,000 + 6,800 + 20,000: no discount for GOVERNMENT money");
        assertEquals("the amount due for these months is 36800", d.errors().get(0).message());
    }

    @Test
    void lapsedParticipantIsRefused() {
        // first unpaid 2026-07: payable until 2026-10, LAPSED from 2026-11
        Decision d = PaymentDecision.decide(payment("2026-07", 1, 28_400, PayerType.SELF), participant("2026-05", "2026-06"),
                false, NOW, RATES);
        assertEquals("PARTICIPANT_LAPSED", d.errors().get(0).code());
        assertEquals("ACCEPTED", PaymentDecision.decide(payment("2026-07", 1, 28_400, PayerType.SELF),
                participant("2026-05", "2026-06"), false, YearMonth.of(2026, 10), RATES).status(), "still payable in October");
        ParticipantState explicit = new ParticipantState(UUID.randomUUID(), "LAPSED", LocalDate.of(2026, 9, 1), null,
                1_000_000L, "PEDAGANG", true);
        assertEquals("PARTICIPANT_LAPSED",
                PaymentDecision.decide(payment("2026-09", 1, 28_400, PayerType.SELF), explicit, false,
                        NOW, RATES).errors().get(0).code());
    }

    @Test
    void unknownVoidOrRegistryOnlyParticipantIsNotFound() {
        assertEquals("PARTICIPANT_NOT_FOUND", PaymentDecision.decide(payment("2026-11", 1, 28_400, PayerType.SELF), null, false,
                NOW, RATES).errors().get(0).code());
        ParticipantState voided = new ParticipantState(UUID.randomUUID(), "VOID", LocalDate.of(2026, 9, 1), null, 1_000_000L,
                "PEDAGANG", true);
        assertEquals("PARTICIPANT_NOT_FOUND", PaymentDecision.decide(payment("2026-09", 1, 28_400, PayerType.SELF), voided,
                false, NOW, RATES).errors().get(0).code());
        ParticipantState imported = new ParticipantState(UUID.randomUUID(), "ACTIVE", LocalDate.of(2026, 9, 1), null, null,
                null, false);
        assertEquals("PARTICIPANT_NOT_FOUND", PaymentDecision.decide(payment("2026-09", 1, 8_400, PayerType.SELF), imported,
                false, NOW, RATES).errors().get(0).code());
    }

    @Test
    void usedReferenceIsADuplicate() {
        Decision d = PaymentDecision.decide(payment("2026-11", 1, 28_400, PayerType.SELF), participant("2026-09", "2026-10"),
                true, NOW, RATES);
        assertEquals("DUPLICATE", d.status());
        assertEquals("PAYMENT_DUPLICATE", d.errors().get(0).code());
        assertNull(d.due());
    }

    @Test
    void membershipMonthsCountFromTheRegistrationMonth() {
        assertEquals(1, PaymentDecision.membershipMonth(LocalDate.of(2026, 9, 1), YearMonth.of(2026, 9)));
        assertEquals(24, PaymentDecision.membershipMonth(LocalDate.of(2026, 9, 1), YearMonth.of(2028, 8)));
        assertEquals(25, PaymentDecision.membershipMonth(LocalDate.of(2026, 9, 1), YearMonth.of(2028, 9)));
    }
}
