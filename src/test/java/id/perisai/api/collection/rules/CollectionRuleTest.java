package id.perisai.api.collection.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectionRuleTest {

    @ParameterizedTest(name = "{0}: registered {1}, covered until {2}, month {3}, now {4} → {5}")
    @CsvSource(nullValues = "-", textBlock = """
            # case,                         stored, registered, coveredUntil, month,   current, status,  firstUnpaid, lapsesOn,   payable
            never paid - this month,         ACTIVE, 2026-11,    -,            2026-11, 2026-11, DUE,     2026-11,     2027-03-01, 1
            paid through the month,         ACTIVE, 2026-01,    2026-11,      2026-11, 2026-11, -,       -,           -,          0
            paid beyond the month,          ACTIVE, 2026-01,    2027-02,      2026-11, 2026-11, -,       -,           -,          0
            one month behind,               ACTIVE, 2026-01,    2026-09,      2026-11, 2026-11, DUE,     2026-10,     2027-02-01, 2
            rules.md example - last month,   ACTIVE, 2026-01,    2026-06,      2026-10, 2026-10, AT_RISK, 2026-07,     2026-11-01, 4
            rules.md example - lapsed,       ACTIVE, 2026-01,    2026-06,      2026-11, 2026-11, LAPSED,  2026-07,     2026-11-01, 0
            asked ahead - lapses before,     ACTIVE, 2026-01,    2026-08,      2027-01, 2026-11, AT_RISK, 2026-09,     2027-01-01, 5
            asked ahead - lapses at the end, ACTIVE, 2026-01,    2026-09,      2027-01, 2026-11, AT_RISK, 2026-10,     2027-02-01, 4
            asked ahead - does not lapse,    ACTIVE, 2026-01,    2026-10,      2027-01, 2026-11, DUE,     2026-11,     2027-03-01, 3
            stored LAPSED,                  LAPSED, 2026-10,    -,            2026-11, 2026-11, LAPSED,  2026-10,     2027-02-01, 0
            VOID is never listed,           VOID,   2026-01,    -,            2026-11, 2026-11, -,       -,           -,          0
            registered after the month,     ACTIVE, 2026-12,    -,            2026-11, 2026-11, -,       -,           -,          0
            past month still unpaid,        ACTIVE, 2026-01,    2026-08,      2026-10, 2026-11, DUE,     2026-09,     2027-01-01, 2
            year end,                       ACTIVE, 2026-01,    2026-08,      2026-12, 2026-12, AT_RISK, 2026-09,     2027-01-01, 4
            """)
    void positionFollowsTheLapseRule(String name, String stored, String registered, String coveredUntil, String month,
            String current, String status, String firstUnpaid, String lapsesOn, int payable) {
        var p = CollectionRule.position(stored, YearMonth.parse(registered).atDay(1),
                coveredUntil == null ? null : YearMonth.parse(coveredUntil).atDay(1), YearMonth.parse(month),
                YearMonth.parse(current));
        if (status == null) {
            assertNull(p, name);
            return;
        }
        assertEquals(CollectionStatus.valueOf(status), p.status(), name);
        assertEquals(YearMonth.parse(firstUnpaid), p.firstUnpaidMonth(), name);
        assertEquals(LocalDate.parse(lapsesOn), p.lapsesOn(), name);
        assertEquals(payable, p.payableMonths(), name);
    }
}
