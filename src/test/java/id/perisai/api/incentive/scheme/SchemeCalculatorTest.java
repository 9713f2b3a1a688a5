package id.perisai.api.incentive.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.incentive.scheme.IncentiveScheme.Band;
import id.perisai.api.incentive.scheme.IncentiveScheme.ShareMode;
import id.perisai.api.incentive.scheme.SchemeCalculator.AgentIncentive;
import id.perisai.api.incentive.scheme.SchemeCalculator.AgentLedger;
import id.perisai.api.incentive.scheme.SchemeCalculator.CoveredMonth;
import id.perisai.api.incentive.scheme.SchemeCalculator.PricedLine;
import id.perisai.api.incentive.scheme.SchemeCalculator.Totals;

/** rules.md §6: both seeded schemes, the monthly minimum, tenure bands, milestone, partner share, rounding. */
class SchemeCalculatorTest {

    /** The same data as the V5 migration seeds. */
    static final IncentiveScheme P2018 = new IncentiveScheme(1, "PERISAI-2018", "Insentif Perisai 2018", null,
            LocalDate.of(2018, 1, 1), LocalDate.of(2022, 3, 31), 0, 0, 0, 50, 500_000L,
            List.of(new Band(1, null, new BigDecimal("7.5000"))), ShareMode.SPLIT, new BigDecimal("10.0000"));
    static final IncentiveScheme P2022 = new IncentiveScheme(2, "PERISAI-2022", "Insentif Perisai 2022", null,
            LocalDate.of(2022, 4, 1), null, 10_000, 15_000, 25, null, null,
            List.of(new Band(1, 24, new BigDecimal("15.0000")), new Band(25, 60, new BigDecimal("5.0000"))),
            ShareMode.ON_TOP, new BigDecimal("10.0000"));
    static final List<IncentiveScheme> SEEDED = List.of(P2018, P2022);

    static IncentiveScheme scheme(String code) {
        return "PERISAI-2018".equals(code) ? P2018 : P2022;
    }

    @ParameterizedTest(name = "{0} applies to {1}")
    @CsvSource({ "2017-12,", "2018-01,PERISAI-2018", "2022-03,PERISAI-2018", "2022-04,PERISAI-2022",
            "2026-11,PERISAI-2022", "2040-01,PERISAI-2022" })
    void theSchemeInForceOnThePeriodsFirstDayApplies(String period, String code) {
        IncentiveScheme s = SchemeCalculator.inForce(SEEDED, YearMonth.parse(period));
        if (code == null) {
            assertNull(s);
        } else {
            assertEquals(code, s.code());
        }
    }

    @ParameterizedTest(name = "{0}: acquisition with JHT={1} → {2}")
    @CsvSource({ "PERISAI-2022,false,10000", "PERISAI-2022,true,15000", "PERISAI-2018,false,0", "PERISAI-2018,true,0" })
    void anAcquisitionLineCarriesTheSchemesAmountByProgrammeSet(String code, boolean jht, long amount) {
        PricedLine line = SchemeCalculator.acquisition(scheme(code), jht);
        assertEquals(new PricedLine(1, BigDecimal.valueOf(amount), amount), line);
    }

    @ParameterizedTest(name = "{0}: month of membership {1}, paid {2} → rate {3}, incentive {4}")
    @CsvSource(delimiter = '|', value = {
            // PERISAI-2022: 15 % for months 1–24, 5 % for 25–60, nothing after
            "PERISAI-2022 | 1   | 28400 | 0.15  | 4260",
            "PERISAI-2022 | 24  | 28400 | 0.15  | 4260",
            "PERISAI-2022 | 25  | 28400 | 0.05  | 1420",
            "PERISAI-2022 | 60  | 28400 | 0.05  | 1420",
            "PERISAI-2022 | 61  | 28400 |       | ",
            // half a rupiah rounds up: 15 % of 10,030 = 1,504.5; 5 % of 10,010 = 500.5
            "PERISAI-2022 | 3   | 10030 | 0.15  | 1505",
            "PERISAI-2022 | 30  | 10010 | 0.05  | 501",
            // below half rounds down: 15 % of 28,333 = 4,249.95 → 4,250; 15 % of 10,003 = 1,500.45 → 1,500
            "PERISAI-2022 | 3   | 28333 | 0.15  | 4250",
            "PERISAI-2022 | 3   | 10003 | 0.15  | 1500",
            // PERISAI-2018: 7.5 % of every month
            "PERISAI-2018 | 1   | 36800 | 0.075 | 2760",
            "PERISAI-2018 | 61  | 36800 | 0.075 | 2760",
            "PERISAI-2018 | 200 | 10002 | 0.075 | 750",
            "PERISAI-2018 | 2   | 10006 | 0.075 | 750",
            "PERISAI-2018 | 2   | 10020 | 0.075 | 752" })
    void contributionIncentiveByMonthOfMembership(String code, int month, long paid, BigDecimal rate, Long amount) {
        List<PricedLine> lines = SchemeCalculator.contribution(scheme(code), List.of(new CoveredMonth(month, paid)));
        if (amount == null) {
            assertTrue(lines.isEmpty(), lines.toString());
        } else {
            assertEquals(List.of(new PricedLine(paid, rate, amount)), lines);
        }
    }

    @Test
    void aPaymentSpanningTwoBandsMakesOneLinePerBandRoundedOnce() {
        // months 23, 24 at 15 % and 25, 26 at 5 %, each paid 10,001: 15 % of 20,002 = 3,000.3; 5 % of 20,002 = 1,000.1
        List<CoveredMonth> months = List.of(new CoveredMonth(23, 10_001), new CoveredMonth(24, 10_001),
                new CoveredMonth(25, 10_001), new CoveredMonth(26, 10_001));
        assertEquals(List.of(new PricedLine(20_002, new BigDecimal("0.15"), 3_000),
                new PricedLine(20_002, new BigDecimal("0.05"), 1_000)), SchemeCalculator.contribution(P2022, months));
        // a payment running past month 60 earns for its months up to 60 only
        assertEquals(List.of(new PricedLine(28_400, new BigDecimal("0.05"), 1_420)),
                SchemeCalculator.contribution(P2022, List.of(new CoveredMonth(60, 28_400), new CoveredMonth(61, 28_400))));
    }

    @ParameterizedTest(name = "PERISAI-2022 with {0} acquisitions: acquisition incentive {3}")
    @CsvSource({
            // the monthly minimum: nothing at all below 25, every acquisition from 25
            "0,  0,      0,      0,      false",
            "24, 360000, 102240, 0,      false",
            "25, 375000, 106500, 375000, true",
            "30, 450000, 127800, 450000, true" })
    void theMonthlyMinimumDecidesTheAcquisitionIncentive(int acquisitions, long amounts, long contribution,
            long acquisitionIncentive, boolean met) {
        AgentIncentive a = SchemeCalculator.agent(P2022, new AgentLedger(acquisitions, amounts, contribution, 0));
        assertEquals(met, a.minimumMet());
        assertEquals(acquisitionIncentive, a.acquisitionIncentive());
        assertEquals(contribution, a.contributionIncentive());
        assertEquals(acquisitionIncentive + contribution, a.total());
    }

    @Test
    void rulesWorkedExample() {
        // 30 acquisitions, each paying one month with JHT at 1,000,000 under the discount (28,400)
        List<PricedLine> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(SchemeCalculator.acquisition(P2022, true));
        }
        long acquisitions = lines.stream().mapToLong(PricedLine::amount).sum();
        long contributions = 0;
        for (int i = 0; i < 30; i++) {
            contributions += SchemeCalculator.contribution(P2022, List.of(new CoveredMonth(1, 28_400))).get(0).amount();
        }
        assertEquals(450_000, acquisitions);
        assertEquals(127_800, contributions);
        AgentIncentive agent = SchemeCalculator.agent(P2022, new AgentLedger(30, acquisitions, contributions, 0));
        assertEquals(577_800, agent.total());
        assertEquals(new Totals(577_800, 57_780, 635_580), SchemeCalculator.totals(P2022, List.of(agent)));
        // with 24 acquisitions: no acquisition incentive, 24 × 4,260 contribution incentive
        AgentIncentive fewer = SchemeCalculator.agent(P2022, new AgentLedger(24, 24 * 15_000, 24 * 4_260, 0));
        assertEquals(0, fewer.acquisitionIncentive());
        assertEquals(102_240, fewer.total());
    }

    @ParameterizedTest(name = "PERISAI-2018 with {0} acquisitions and {1} contribution incentive")
    @CsvSource({
            // the milestone: 500,000 from 50 acquisitions; SPLIT: 10 % of the whole to the partner, the rest to the agent
            "49, 75000, 0,      75000,  7500,  67500",
            "50, 75000, 500000, 575000, 57500, 517500",
            "80, 2761,  500000, 502761, 50276, 452485" })
    void perisai2018MilestoneAndSplit(int acquisitions, long contribution, long bonus, long gross, long share, long agent) {
        AgentIncentive a = SchemeCalculator.agent(P2018, new AgentLedger(acquisitions, 0, contribution, 0));
        assertEquals(bonus, a.acquisitionIncentive());
        assertEquals(share, a.partnerShare());
        assertEquals(agent, a.total());
        assertEquals(gross, a.total() + a.partnerShare());
        Totals totals = SchemeCalculator.totals(P2018, List.of(a));
        assertEquals(new Totals(agent, share, gross), totals);
    }

    @Test
    void onTopTakesTheShareOfTheTotalWhileSplitSumsTheSharesOfEachAgent() {
        // two agents each earning 5 rupiah: 10 % is half a rupiah each
        AgentLedger five = new AgentLedger(0, 0, 5, 0);
        IncentiveScheme onTop = P2022;
        IncentiveScheme split = new IncentiveScheme(9, "SPLIT", "split", null, LocalDate.of(2030, 1, 1), null, 0, 0, 0,
                null, null, P2022.contributionBands(), ShareMode.SPLIT, new BigDecimal("10"));
        AgentIncentive a = SchemeCalculator.agent(onTop, five);
        assertEquals(5, a.total());
        // ON_TOP: agents keep everything; the fee is 10 % of their total of 10, once rounded
        assertEquals(new Totals(10, 1, 11), SchemeCalculator.totals(onTop, List.of(a, a)));
        AgentIncentive s = SchemeCalculator.agent(split, five);
        assertEquals(1, s.partnerShare());
        assertEquals(4, s.total());
        // SPLIT: each agent gives up its rounded share; the whole stays 10
        assertEquals(new Totals(8, 2, 10), SchemeCalculator.totals(split, List.of(s, s)));
    }

    @Test
    void reversalsOfClosedPeriodsReduceTheTotalAndThePartnersShare() {
        AgentIncentive a = SchemeCalculator.agent(P2022, new AgentLedger(0, 0, 4_260, -19_260));
        assertEquals(-19_260, a.reversals());
        assertEquals(-15_000, a.total());
        assertEquals(new Totals(-15_000, -1_500, -16_500), SchemeCalculator.totals(P2022, List.of(a)));
        // half a rupiah of a clawback rounds away from zero, like half a rupiah earned
        assertEquals(-1, SchemeCalculator.partnerShare(P2022, -5));
        assertEquals(1, SchemeCalculator.partnerShare(P2022, 5));
    }

    @Test
    void ratesAreShownPlainly() {
        assertEquals("15", SchemeCalculator.plain(new BigDecimal("15.0000")).toPlainString());
        assertEquals("15", SchemeCalculator.plain(new BigDecimal("15.0000")).toString());
        assertEquals("0.075", SchemeCalculator.plain(new BigDecimal("0.075000")).toString());
        assertEquals("15000", SchemeCalculator.plain(new BigDecimal("15000.000000")).toString());
    }
}
