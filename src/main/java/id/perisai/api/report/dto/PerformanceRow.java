package id.perisai.api.report.dto;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of a performance report: the group's key and its metrics. */
@Schema(name = "PerformanceRow", requiredProperties = { "key", "registrations", "reactivations", "acquisitions",
        "contributions", "contributionAmount", "activeAtEnd", "lapsed", "incentives", "persistency" })
public record PerformanceRow(
        @Schema(description = "The agent code (NO_AGENT for participants registered without one), partner code, branch office or month (YYYY-MM)", example = "AGDEMO000001") String key,
        @Schema(description = "New participants registered (ACCEPTED, newParticipant true, not VOID)", example = "30") long registrations,
        @Schema(description = "LAPSED participants reactivated by a registration", example = "2") long reactivations,
        @Schema(description = "Acquisitions (rules.md §6: first contribution accepted in the month, registered new by the agent)", example = "30") long acquisitions,
        @Schema(description = "Contributions accepted", example = "30") long contributions,
        @Schema(description = "Rupiah of the contributions accepted", example = "852000") long contributionAmount,
        @Schema(description = "Participants managed and ACTIVE at the end of the last month (or now)", example = "31") long activeAtEnd,
        @Schema(description = "Participants who became LAPSED during the range", example = "1") long lapsed,
        @Schema(description = "Rupiah of the incentive ledger lines of the range's periods", example = "577800") long incentives,
        Persistency persistency,
        @Schema(description = "The yearly target of new participants (year of `to`), where one is set", example = "1200") Long target,
        @Schema(description = "New participants registered in that year (not VOID), where a target is set", example = "300") Long achieved,
        @Schema(description = "achieved as a percentage of target, one decimal", example = "25.0") BigDecimal achievedPct) {
}
