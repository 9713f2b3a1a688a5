package id.perisai.api.incentive.scheme;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.perisai.api.incentive.scheme.IncentiveScheme.Band;
import id.perisai.api.incentive.scheme.IncentiveScheme.ShareMode;

/**
 * The arithmetic of rules.md §6, pure. Ledger lines are priced as contributions are accepted (an acquisition at the
 * scheme's amount, a contribution's covered months at their band's rate, one line per band, rounded half-up once);
 * what depends on the whole period — the monthly minimum, the milestone bonus and the partner's share — is applied per
 * agent when the statement is made.
 */
public final class SchemeCalculator {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SchemeCalculator() {
    }

    /** One covered month of an accepted contribution: its month of membership and the amount paid for it. */
    public record CoveredMonth(int membershipMonth, long amount) {
    }

    /** A priced line: {@code amount = round(basis × rate)}, rate a fraction (0.15 for 15 %). */
    public record PricedLine(long basis, BigDecimal rate, long amount) {
    }

    /** An agent's ledger for a period, summed: acquisitions and contributions net of reversals within the period. */
    public record AgentLedger(int acquisitions, long acquisitionAmounts, long contributionAmounts, long clawbacks) {
    }

    /** What an agent and its partner earn for a period. */
    public record AgentIncentive(int acquisitions, boolean minimumMet, long acquisitionIncentive,
            long contributionIncentive, long reversals, long total, long partnerShare) {
    }

    /** A partner's statement totals. */
    public record Totals(long agentTotal, long partnerFee, long grandTotal) {
    }

    /** The scheme in force on the first day of the period, or null. */
    public static IncentiveScheme inForce(List<IncentiveScheme> schemes, YearMonth period) {
        for (IncentiveScheme s : schemes) {
            if (s.appliesTo(period)) {
                return s;
            }
        }
        return null;
    }

    /** The acquisition line of a participant acquired by an agent: its scheme amount. */
    public static PricedLine acquisition(IncentiveScheme scheme, boolean jht) {
        long amount = scheme.acquisitionAmount(jht);
        return new PricedLine(1, BigDecimal.valueOf(amount), amount);
    }

    /**
     * The contribution lines of an accepted payment: its covered months grouped by band (in band order), each group's
     * amounts summed into the basis and multiplied by the band's rate, rounded half-up once. Months in no band earn
     * nothing and make no line.
     */
    public static List<PricedLine> contribution(IncentiveScheme scheme, List<CoveredMonth> months) {
        Map<Band, Long> basisByBand = new LinkedHashMap<>();
        for (Band band : scheme.contributionBands()) {
            for (CoveredMonth m : months) {
                if (band.covers(m.membershipMonth())) {
                    basisByBand.merge(band, m.amount(), Long::sum);
                }
            }
        }
        List<PricedLine> lines = new ArrayList<>();
        basisByBand.forEach((band, basis) -> {
            BigDecimal rate = plain(band.percent().divide(HUNDRED));
            if (rate.signum() > 0) {
                lines.add(new PricedLine(basis, rate, round(BigDecimal.valueOf(basis).multiply(rate))));
            }
        });
        return lines;
    }

    /**
     * An agent's incentive for a period: the acquisition amounts only when the agent has at least the scheme's
     * minimum of acquisitions (none at all below it), the milestone bonus at its threshold, the contribution amounts,
     * the reversals of lines of earlier (closed) periods; then the partner's share, on top or split off.
     */
    public static AgentIncentive agent(IncentiveScheme scheme, AgentLedger ledger) {
        boolean minimumMet = ledger.acquisitions() >= scheme.acquisitionMinimum();
        long acquisition = minimumMet ? ledger.acquisitionAmounts() : 0;
        if (scheme.milestoneAcquisitions() != null && ledger.acquisitions() >= scheme.milestoneAcquisitions()) {
            acquisition += scheme.milestoneBonus();
        }
        long gross = acquisition + ledger.contributionAmounts() + ledger.clawbacks();
        long share = partnerShare(scheme, gross);
        long total = scheme.partnerShareMode() == ShareMode.SPLIT ? gross - share : gross;
        return new AgentIncentive(ledger.acquisitions(), minimumMet, acquisition, ledger.contributionAmounts(),
                ledger.clawbacks(), total, share);
    }

    /** The partner's share of an agent's gross incentive, rounded half-up (half away from zero for a clawback). */
    public static long partnerShare(IncentiveScheme scheme, long gross) {
        return round(BigDecimal.valueOf(gross).multiply(scheme.partnerSharePercent()).divide(HUNDRED));
    }

    /**
     * Statement totals. ON_TOP: the partner fee is the share of the agents' total (rounded once); SPLIT: the sum of
     * the shares split off each agent's incentive, so the agents' and the partner's amounts add up to the whole.
     */
    public static Totals totals(IncentiveScheme scheme, List<AgentIncentive> agents) {
        long agentTotal = 0;
        long shares = 0;
        for (AgentIncentive a : agents) {
            agentTotal += a.total();
            shares += a.partnerShare();
        }
        long fee = scheme.partnerShareMode() == ShareMode.SPLIT ? shares : partnerShare(scheme, agentTotal);
        return new Totals(agentTotal, fee, agentTotal + fee);
    }

    /** A rate or percent without trailing zeros and never in exponent form (15.0000 → 15, 0.150000 → 0.15). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static long round(BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
