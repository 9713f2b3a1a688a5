package id.perisai.api.contribution.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.contribution.rules.ContributionCalculator.Basis;
import id.perisai.api.contribution.rules.ContributionCalculator.Due;
import id.perisai.api.contribution.rules.ContributionCalculator.MonthDue;
import id.perisai.api.contribution.rules.RateTable.Component;
import id.perisai.api.contribution.rules.RateTable.Discount;
import id.perisai.api.contribution.rules.RateTable.Rate;
import id.perisai.api.participant.rules.Occupation.OccupationClass;

/** rules.md §4: JKK 1 %, JKM 6,800, JHT 2 %, the PP 50/2025 windows, half-up rounding per component per month. */
class ContributionCalculatorTest {

    /** The same data as the V4 migration seeds. */
    static final RateTable TABLE = new RateTable(List.of(
            new Rate(Component.JKK, YearMonth.of(2015, 7), null, RateTable.Basis.PERCENT, new BigDecimal("1.0000")),
            new Rate(Component.JKM, YearMonth.of(2015, 7), null, RateTable.Basis.FLAT, new BigDecimal("6800.0000")),
            new Rate(Component.JHT, YearMonth.of(2015, 7), null, RateTable.Basis.PERCENT, new BigDecimal("2.0000"))),
            List.of(new Discount(OccupationClass.TRANSPORT, YearMonth.of(2026, 1), YearMonth.of(2027, 3),
                    Set.of(Component.JKK, Component.JKM), new BigDecimal("0.5000"), Set.of(PayerType.GOVERNMENT)),
                    new Discount(OccupationClass.GENERAL, YearMonth.of(2026, 4), YearMonth.of(2026, 12),
                            Set.of(Component.JKK, Component.JKM), new BigDecimal("0.5000"), Set.of(PayerType.GOVERNMENT))));

    @ParameterizedTest(name = "{0} {1} jht={2} {3} {4} → {5}+{6}+{7}")
    @CsvSource(delimiter = '|', value = {
            // rules.md's example: income 1,000,000, month 2026-11
            "1000000 | GENERAL   | false | SELF       | 2026-11 | 5000  | 3400 | 0     | true",
            "1000000 | GENERAL   | true  | SELF       | 2026-11 | 5000  | 3400 | 20000 | true",
            "1000000 | GENERAL   | false | GOVERNMENT | 2026-11 | 10000 | 6800 | 0     | false",
            "1000000 | GENERAL   | true  | GOVERNMENT | 2026-11 | 10000 | 6800 | 20000 | false",
            // every payer type
            "1000000 | GENERAL   | false | PARTNER    | 2026-11 | 5000  | 3400 | 0     | true",
            "1000000 | GENERAL   | false | DONOR      | 2026-11 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | PARTNER    | 2026-02 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | DONOR      | 2026-02 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | GOVERNMENT | 2026-02 | 10000 | 6800 | 0     | false",
            // the general window 2026-04 … 2026-12 and its edges
            "1000000 | GENERAL   | false | SELF       | 2026-03 | 10000 | 6800 | 0     | false",
            "1000000 | GENERAL   | false | SELF       | 2026-04 | 5000  | 3400 | 0     | true",
            "1000000 | GENERAL   | false | SELF       | 2026-12 | 5000  | 3400 | 0     | true",
            "1000000 | GENERAL   | false | SELF       | 2027-01 | 10000 | 6800 | 0     | false",
            // the transport window 2026-01 … 2027-03 and its edges
            "1000000 | TRANSPORT | false | SELF       | 2025-12 | 10000 | 6800 | 0     | false",
            "1000000 | TRANSPORT | false | SELF       | 2026-01 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | SELF       | 2026-03 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | SELF       | 2026-04 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | SELF       | 2026-12 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | SELF       | 2027-01 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | SELF       | 2027-03 | 5000  | 3400 | 0     | true",
            "1000000 | TRANSPORT | false | SELF       | 2027-04 | 10000 | 6800 | 0     | false",
            // JHT is never discounted
            "3000000 | TRANSPORT | true  | SELF       | 2026-06 | 15000 | 3400 | 60000 | true",
            // half rupiah: 0.5% of 1,000,100 is 5000.5 → 5001; 1% of 1,234,550 is 12345.5 → 12346
            "1000100 | GENERAL   | true  | SELF       | 2026-06 | 5001  | 3400 | 20002 | true",
            "1000100 | GENERAL   | false | SELF       | 2027-06 | 10001 | 6800 | 0     | false",
            "1234550 | GENERAL   | true  | GOVERNMENT | 2026-06 | 12346 | 6800 | 24691 | false",
            "1234550 | GENERAL   | false | SELF       | 2026-06 | 6173  | 3400 | 0     | true",
            // round(income × 0.5%), not half of a rounded 1%: 1,000,050 → 5000.25 → 5000 (not 10001 / 2 → 5001)
            "1000050 | GENERAL   | false | SELF       | 2026-06 | 5000  | 3400 | 0     | true",
            "1000050 | GENERAL   | false | SELF       | 2026-01 | 10001 | 6800 | 0     | false",
            "1000025 | GENERAL   | true  | SELF       | 2027-02 | 10000 | 6800 | 20001 | false",
            "100000000 | TRANSPORT | true | SELF      | 2026-06 | 500000 | 3400 | 2000000 | true" })
    void monthlyDue(long income, OccupationClass cls, boolean jht, PayerType payer, String month, long jkk, long jkm,
            long jhtDue, boolean discounted) {
        MonthDue due = ContributionCalculator.month(TABLE, new Basis(income, cls, jht), payer, YearMonth.parse(month));
        assertEquals(new MonthDue(YearMonth.parse(month), jkk, jkm, jhtDue, discounted), due);
        assertEquals(jkk + jkm + jhtDue, due.amount());
    }

    @Test
    void paymentSpanningTheEndOfTheGeneralWindowSumsEachMonth() {
        Due due = ContributionCalculator.due(TABLE, new Basis(1_000_000, OccupationClass.GENERAL, false), PayerType.SELF,
                YearMonth.of(2026, 11), 3);
        assertEquals(List.of(8_400L, 8_400L, 16_800L), due.months().stream().map(MonthDue::amount).toList());
        assertEquals(List.of(true, true, false), due.months().stream().map(MonthDue::discounted).toList());
        assertEquals(33_600, due.amount());
    }

    @Test
    void paymentSpanningTheStartOfTheGeneralWindow() {
        Due due = ContributionCalculator.due(TABLE, new Basis(1_000_000, OccupationClass.GENERAL, true), PayerType.SELF,
                YearMonth.of(2026, 2), 4);
        assertEquals(List.of(36_800L, 36_800L, 28_400L, 28_400L), due.months().stream().map(MonthDue::amount).toList());
        assertEquals(130_400, due.amount());
    }

    @Test
    void paymentSpanningTheEndOfTheTransportWindow() {
        Due due = ContributionCalculator.due(TABLE, new Basis(1_500_000, OccupationClass.TRANSPORT, false), PayerType.SELF,
                YearMonth.of(2027, 2), 4);
        assertEquals(List.of(true, true, false, false), due.months().stream().map(MonthDue::discounted).toList());
        assertEquals(2 * (7_500 + 3_400) + 2 * (15_000 + 6_800), due.amount());
    }

    @Test
    void twelveMonthsAtOnce() {
        Due due = ContributionCalculator.due(TABLE, new Basis(2_000_000, OccupationClass.GENERAL, true), PayerType.DONOR,
                YearMonth.of(2026, 1), 12);
        assertEquals(12, due.months().size());
        // Jan–Mar and nothing after Dec undiscounted: 3 × (20000 + 6800 + 40000) + 9 × (10000 + 3400 + 40000)
        assertEquals(3 * 66_800 + 9 * 53_400, due.amount());
    }

    @Test
    void aMonthWithoutAConfiguredRateIsAConfigurationError() {
        assertThrows(IllegalStateException.class, () -> ContributionCalculator.month(TABLE,
                new Basis(1_000_000, OccupationClass.GENERAL, false), PayerType.SELF, YearMonth.of(2015, 6)));
    }

    @Test
    void aNewRegulationIsNewData() {
        RateTable table = new RateTable(List.of(
                new Rate(Component.JKK, YearMonth.of(2015, 7), YearMonth.of(2027, 12), RateTable.Basis.PERCENT,
                        new BigDecimal("1.0000")),
                new Rate(Component.JKK, YearMonth.of(2028, 1), null, RateTable.Basis.PERCENT, new BigDecimal("1.2500")),
                TABLE.rates().get(1), TABLE.rates().get(2)), List.of());
        assertEquals(10_000, ContributionCalculator.month(table, new Basis(1_000_000, OccupationClass.GENERAL, false),
                PayerType.SELF, YearMonth.of(2027, 12)).jkk());
        assertEquals(12_500, ContributionCalculator.month(table, new Basis(1_000_000, OccupationClass.GENERAL, false),
                PayerType.SELF, YearMonth.of(2028, 1)).jkk());
    }
}
