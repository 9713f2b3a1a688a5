package id.perisai.api.incentive.dto;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ParticipantVoided", requiredProperties = { "participantId", "status", "voidedAt",
        "reversedLines" }, description = "The participant is VOID; its incentive lines are reversed")
public record VoidResponse(
        @Schema(example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
        @Schema(enumeration = "VOID", example = "VOID") String status,
        @Schema(example = "2026-11-21T03:15:04Z") Instant voidedAt,
        @Schema(description = "Ledger lines reversed", example = "2") int reversedLines) {
}
