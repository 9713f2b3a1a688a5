package id.perisai.api.incentive.dto;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An incentive scheme version, as admin creates it and as it is listed. */
@Schema(name = "IncentiveScheme", description = "An effective-dated incentive scheme version (rules.md §6)")
public record SchemeDto(
        @Schema(description = "Assigned by the service", readOnly = true, example = "3") Integer id,
        @Schema(description = "Scheme code; a new version of a scheme keeps its code", example = "PERISAI-2022", required = true) String code,
        @Schema(example = "Insentif Perisai 2022", required = true) String name,
        @Schema(example = "Perdir 13/2022") String regulation,
        @Schema(description = "First day in force: the first day of a month after the current one", example = "2027-01-01", required = true) LocalDate validFrom,
        @Schema(description = "Last day in force (the last day of a month); absent = until a later version starts", example = "2027-12-31") LocalDate validTo,
        @Schema(required = true) Acquisition acquisition,
        @Schema(description = "A bonus per agent and period at a number of acquisitions; absent = none") Milestone milestone,
        @Schema(description = "Contribution incentive rates by month of membership (the registration month is month 1); months in no band earn nothing", required = true) List<Band> contributionRates,
        @Schema(required = true) PartnerShare partnerShare) {

    /** What an acquisition earns, and the monthly minimum below which acquisitions earn nothing. */
    @Schema(name = "IncentiveAcquisition")
    public record Acquisition(
            @Schema(description = "Rupiah per acquisition with JKK+JKM", example = "10000", required = true) Long amount,
            @Schema(description = "Rupiah per acquisition with JHT", example = "15000", required = true) Long amountWithJht,
            @Schema(description = "Acquisitions an agent needs in a period to earn any acquisition incentive", example = "25", required = true) Integer minimumPerPeriod) {
    }

    /** A bonus for reaching a number of acquisitions in a period. */
    @Schema(name = "IncentiveMilestone")
    public record Milestone(
            @Schema(example = "50", required = true) Integer acquisitions,
            @Schema(description = "Rupiah", example = "500000", required = true) Long bonus) {
    }

    /** A contribution incentive rate for a range of months of membership. */
    @Schema(name = "IncentiveBand")
    public record Band(
            @Schema(example = "1", required = true) Integer fromMonth,
            @Schema(description = "Absent = every later month", example = "24") Integer toMonth,
            @Schema(description = "Percent of the amount paid for each covered month", example = "15", required = true) BigDecimal percent) {
    }

    /** How the partner (Wadah) shares in its agents' incentives. */
    @Schema(name = "IncentivePartnerShare")
    public record PartnerShare(
            @Schema(description = "ON_TOP: the partner earns the percent of its agents' total on top; SPLIT: the percent is split off each agent's incentive", enumeration = {
                    "ON_TOP", "SPLIT" }, example = "ON_TOP", required = true) String mode,
            @Schema(example = "10", required = true) BigDecimal percent){
    }
}
