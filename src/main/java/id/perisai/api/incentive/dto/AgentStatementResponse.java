package id.perisai.api.incentive.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One agent's line of a statement. */
@Schema(name = "AgentStatement", requiredProperties = { "agentCode", "acquisitions", "acquisitionIncentive",
        "contributionIncentive", "reversals", "total" }, description = "What one agent earned in the period")
public record AgentStatementResponse(
        @Schema(example = "AGK7Q2M9X4PT") String agentCode,
        @Schema(description = "Participants acquired in the period (first contribution accepted), net of voided ones", example = "30") int acquisitions,
        @Schema(description = "Acquisition incentive: nothing below the scheme's monthly minimum; with any milestone bonus", example = "450000") long acquisitionIncentive,
        @Schema(description = "Contribution incentive earned on contributions accepted in the period", example = "127800") long contributionIncentive,
        @Schema(description = "Reversals of lines of earlier, closed periods (negative)", example = "0") long reversals,
        @Schema(description = "The agent's amount (with a SPLIT scheme, after the partner's share)", example = "577800") long total) {
}
