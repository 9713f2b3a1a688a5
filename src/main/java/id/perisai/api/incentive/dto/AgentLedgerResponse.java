package id.perisai.api.incentive.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent's ledger lines for a period, with the agent's line of the statement. */
@Schema(name = "AgentLedger", requiredProperties = { "period", "scheme", "status", "statement",
        "items" }, description = "An agent's ledger lines for a period (pages by lineId), with what they add up to")
public record AgentLedgerResponse(
        @Schema(example = "2026-11") String period,
        @Schema(example = "PERISAI-2022") String scheme,
        @Schema(enumeration = {
                "OPEN", "CLOSED" }, example = "OPEN") String status,
        @Schema(description = "The agent's line of the statement") AgentStatementResponse statement,
        @Schema(description = "Ledger lines, oldest first") List<LedgerLineResponse> items,
        @Schema(description = "Pass as ?cursor= for the next page; absent on the last page") String nextCursor){
}
