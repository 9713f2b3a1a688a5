package id.perisai.api.sponsorship.dto;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member of a sponsorship's roster. */
@Schema(name = "SponsorshipMember", requiredProperties = { "participantId", "nikMasked", "fromMonth" })
public record MemberResponse(
        @Schema(example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
        @Schema(example = "3201**********0001") String nikMasked,
        @Schema(example = "AGDEMO000001") String agentCode,
        @Schema(description = "First sponsored month", example = "2026-12") String fromMonth,
        @Schema(description = "Last paid month of the participant; absent before the first payment", example = "2026-12") String coveredUntil) {
}
