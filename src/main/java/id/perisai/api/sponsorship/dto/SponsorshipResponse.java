package id.perisai.api.sponsorship.dto;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sponsorship: a payer paying the monthly dues of a roster of one partner's participants. */
@Schema(name = "Sponsorship", requiredProperties = { "sponsorshipId", "partnerCode", "payerType", "payerName", "reference",
        "fromMonth", "toMonth", "maxMembers", "members", "status" })
public record SponsorshipResponse(
        @Schema(example = "7d3f0c52-8a1b-4e6f-9c2d-1a2b3c4d5e6f") UUID sponsorshipId,
        @Schema(example = "DEMO-WADAH") String partnerCode,
        @Schema(enumeration = {
                "GOVERNMENT", "DONOR", "PARTNER" }, example = "GOVERNMENT") String payerType,
        @Schema(example = "Pemprov DKI Jakarta — APBD 2026") String payerName,
        @Schema(description = "The payer's own reference (budget line, grant number)", example = "APBD-2026-PPSU-01") String reference,
        @Schema(example = "2026-12") String fromMonth,
        @Schema(example = "2027-11") String toMonth,
        @Schema(example = "2000") int maxMembers,
        @Schema(description = "Members now (sponsored to the sponsorship's end)", example = "3") int members,
        @Schema(enumeration = { "ACTIVE", "ENDED" }, example = "ACTIVE") String status){
}
