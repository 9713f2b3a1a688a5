package id.perisai.api.sponsorship.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.contribution.rules.ContributionCalculator.Basis;
import id.perisai.api.contribution.rules.PayerType;
import id.perisai.api.contribution.rules.RateTable;
import id.perisai.api.contribution.rules.RateTable.Component;
import id.perisai.api.contribution.rules.RateTable.Discount;
import id.perisai.api.contribution.rules.RateTable.Rate;
import id.perisai.api.participant.rules.Occupation.OccupationClass;

/** Invoice lines and exclusions; the rate table is rules.md §4's (PP 44/2015 rates, PP 50/2025 windows). */
class InvoiceRuleTest {

    /** The same data as the V4 migration seeds. */
    static final RateTable TABLE = new RateTable(List.of(
            new Rate(Component.JKK, YearMonth.of(2015, 7), null, RateTable.Basis.PERCENT, new BigDecimal("1.0000")),
            new Rate(Component.JKM, YearMonth.of(2015, 7), null, RateTable.Basis.FLAT, new BigDecimal("6800.0000")),
            new Rate(Component.JHT, YearMonth.of(2015, 7), null, RateTable.Basis.PERCENT, new BigDecimal("2.0000"))),
            List.of(new Discount(OccupationClass.TRANSPORT, YearMonth.of(2026, 1), YearMonth.of(2027, 3),
                    Set.of(Component.JKK, Component.JKM), new BigDecimal("0.5000"), Set.of(PayerType.GOVERNMENT)),
                    new Discount(OccupationClass.GENERAL, YearMonth.of(2026, 4), YearMonth.of(2026, 12),
                            Set.of(Component.JKK, Component.JKM), new BigDecimal("0.5000"), Set.of(PayerType.GOVERNMENT))));

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # case                                  stored  registered  coveredUntil  month    now      payer       class      income   jht    amount  reason
            rules.md example - GOVERNMENT, ACTIVE, 2026-11, -, 2026-11, 2026-11, GOVERNMENT, GENERAL, 1000000, false, 16800, -
            rules.md example - DONOR discounted, ACTIVE, 2026-11, -, 2026-11, 2026-11, DONOR, GENERAL, 1000000, false, 8400, -
            rules.md example with JHT - PARTNER, ACTIVE, 2026-11, -, 2026-11, 2026-11, PARTNER, GENERAL, 1000000, true, 28400, -
            GOVERNMENT with JHT, ACTIVE, 2026-11, -, 2026-11, 2026-11, GOVERNMENT, GENERAL, 1000000, true, 36800, -
            general window ends with 2026-12, ACTIVE, 2026-01, 2026-12, 2027-01, 2026-12, DONOR, GENERAL, 1000000, false, 16800, -
            general window starts with 2026-04, ACTIVE, 2026-01, 2026-03, 2026-04, 2026-04, DONOR, GENERAL, 1000000, false, 8400, -
            before the general window, ACTIVE, 2026-01, 2026-02, 2026-03, 2026-03, DONOR, GENERAL, 1000000, false, 16800, -
            transport window to 2027-03, ACTIVE, 2026-01, 2027-02, 2027-03, 2027-03, DONOR, TRANSPORT, 3000000, false, 18400, -
            transport window over in 2027-04, ACTIVE, 2026-01, 2027-03, 2027-04, 2027-04, DONOR, TRANSPORT, 3000000, false, 36800, -
            transport - GOVERNMENT, ACTIVE, 2026-01, 2027-02, 2027-03, 2027-03, GOVERNMENT, TRANSPORT, 3000000, false, 36800, -
            half-up rounding of a discounted JKK, ACTIVE, 2026-11, -, 2026-11, 2026-11, DONOR, GENERAL, 1000100, false, 8401, -
            next month after the paid one, ACTIVE, 2026-01, 2026-11, 2026-12, 2026-12, GOVERNMENT, GENERAL, 1000000, false, 16800, -
            paid through the month, ACTIVE, 2026-01, 2026-12, 2026-12, 2026-12, GOVERNMENT, GENERAL, 1000000, false, -, ALREADY_PAID
            paid beyond the month, ACTIVE, 2026-01, 2027-02, 2026-12, 2026-12, GOVERNMENT, GENERAL, 1000000, false, -, ALREADY_PAID
            void, VOID, 2026-11, -, 2026-12, 2026-12, GOVERNMENT, GENERAL, 1000000, false, -, VOID
            lapsed by coverage, ACTIVE, 2026-08, -, 2026-12, 2026-12, GOVERNMENT, GENERAL, 1000000, false, -, LAPSED
            stored lapsed, LAPSED, 2026-12, -, 2026-12, 2026-12, GOVERNMENT, GENERAL, 1000000, false, -, LAPSED
            an earlier month unpaid, ACTIVE, 2026-11, -, 2026-12, 2026-12, GOVERNMENT, GENERAL, 1000000, false, -, NOT_CONTIGUOUS
            registered after the month, ACTIVE, 2027-01, -, 2026-12, 2027-01, GOVERNMENT, GENERAL, 1000000, false, -, NOT_YET_REGISTERED
            """)
    void placesEveryMember(String name, String stored, String registered, String coveredUntil, String month, String now,
            String payer, String occupationClass, long income, boolean jht, Long amount, String reason) {
        var member = new InvoiceRule.Member(stored, YearMonth.parse(registered).atDay(1),
                coveredUntil == null ? null : YearMonth.parse(coveredUntil).atDay(1),
                new Basis(income, OccupationClass.valueOf(occupationClass), jht));
        var placement = InvoiceRule.place(member, YearMonth.parse(month), YearMonth.parse(now),
                SponsorPayerType.valueOf(payer), TABLE);
        if (reason == null) {
            assertNull(placement.reason(), name);
            assertEquals(amount, placement.due().amount(), name);
        } else {
            assertEquals(ExclusionReason.valueOf(reason), placement.reason(), name);
            assertNull(placement.due(), name);
        }
    }
}
