package id.perisai.api.incentive.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of closing a period. */
@Schema(name = "PeriodClosed", requiredProperties = { "period", "status", "scheme", "closedAt", "partners", "agentTotal",
        "partnerFee", "grandTotal" }, description = "A closed period: its statements are frozen")
public record CloseResponse(
        @Schema(example = "2026-10") String period,
        @Schema(enumeration = "CLOSED", example = "CLOSED") String status,
        @Schema(example = "PERISAI-2022") String scheme,
        @Schema(example = "2026-11-03T02:00:00Z") Instant closedAt,
        @Schema(description = "Partners with a statement", example = "12") int partners,
        @Schema(example = "15250000") long agentTotal,
        @Schema(example = "1525000") long partnerFee,
        @Schema(example = "16775000") long grandTotal) {
}
