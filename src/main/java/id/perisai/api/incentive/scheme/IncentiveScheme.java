package id.perisai.api.incentive.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * An incentive scheme version (rules.md §6), as data: what an acquisition earns by programme set and the monthly
 * minimum below which it earns nothing, an optional milestone bonus, the contribution incentive rates by month of
 * membership, and how the partner's share is reckoned. The scheme in force on a period's first day applies.
 */
public record IncentiveScheme(int id, String code, String name, String regulation, LocalDate validFrom, LocalDate validTo,
        long acquisitionAmount, long acquisitionAmountJht, int acquisitionMinimum, Integer milestoneAcquisitions,
        Long milestoneBonus, List<Band> contributionBands, ShareMode partnerShareMode, BigDecimal partnerSharePercent) {

    /** How the partner's share relates to its agents' incentives. */
    public enum ShareMode {
        /** The partner earns the share on top of what its agents earn. */
        ON_TOP,
        /** The agents' incentives are split: the share to the partner, the rest to the agent. */
        SPLIT
    }

    /** A contribution incentive rate for months of membership {@code fromMonth}…{@code toMonth} (null: no end). */
    public record Band(int fromMonth, Integer toMonth, BigDecimal percent) {
        public boolean covers(int membershipMonth) {
            return membershipMonth >= fromMonth && (toMonth == null || membershipMonth <= toMonth);
        }
    }

    public IncentiveScheme {
        contributionBands = List.copyOf(contributionBands);
    }

    /** Whether this scheme is in force on the first day of the period. */
    public boolean appliesTo(YearMonth period) {
        LocalDate day = period.atDay(1);
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /** What one acquisition earns (subject to the monthly minimum). */
    public long acquisitionAmount(boolean jht) {
        return jht ? acquisitionAmountJht : acquisitionAmount;
    }

    /** The band of a month of membership, or null when that month earns nothing. */
    public Band bandFor(int membershipMonth) {
        for (Band band : contributionBands) {
            if (band.covers(membershipMonth)) {
                return band;
            }
        }
        return null;
    }
}
