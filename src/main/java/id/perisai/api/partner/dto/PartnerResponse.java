package id.perisai.api.partner.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.partner.repository.PartnerStatus;
import id.perisai.api.partner.repository.PartnerType;

@Schema(name = "Partner", requiredProperties = { "code", "name", "type", "branchOffice", "status", "quota", "createdAt",
        "updatedAt" }, description = "A partner (Wadah)")
public record PartnerResponse(
        @Schema(example = "SPSI-DPC-BDG") String code,
        @Schema(example = "DPC SPSI Kota Bandung") String name,
        @Schema(example = "UNION") PartnerType type,
        @Schema(example = "Bandung Suci") String branchOffice,
        @Schema(example = "ACTIVE") PartnerStatus status,
        QuotaDto quota,
        @Schema(description = "Where the partner's incentive fee is paid; absent until agency staff set it") PayoutAccountDto payoutAccount,
        @Schema(example = "2026-11-21T03:15:00Z") Instant createdAt,
        @Schema(example = "2026-11-21T03:15:00Z") Instant updatedAt) {
}
