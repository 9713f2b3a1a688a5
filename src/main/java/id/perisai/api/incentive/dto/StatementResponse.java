package id.perisai.api.incentive.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partner's incentive statement for a period. */
@Schema(name = "IncentiveStatement", requiredProperties = { "period", "scheme", "status", "agents", "agentTotal", "partnerFee",
        "grandTotal" }, description = "A partner's incentive statement for a period (WIB calendar month)")
public record StatementResponse(
        @Schema(example = "2026-11") String period,
        @Schema(description = "Code of the scheme in force on the period's first day", example = "PERISAI-2022") String scheme,
        @Schema(description = "OPEN (figures move as contributions are accepted) or CLOSED (frozen)", enumeration = {
                "OPEN",
                "CLOSED" }, example = "OPEN") String status,
        @Schema(description = "When admin closed the period") Instant closedAt,
        @Schema(description = "Agents with ledger lines in the period, by agentCode") List<AgentStatementResponse> agents,
        @Schema(example = "577800") long agentTotal,
        @Schema(description = "The partner's fee (ON_TOP: the share of agentTotal; SPLIT: the shares split off)", example = "57780") long partnerFee,
        @Schema(example = "635580") long grandTotal){
}
