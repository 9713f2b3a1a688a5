package id.perisai.api.partner.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.partner.repository.PartnerType;

@Schema(name = "CreatePartnerRequest", description = "A new partner (Wadah)")
public record CreatePartnerRequest(
        @Schema(description = "Unique partner code; it becomes the partner_id claim of the partner's tokens", example = "SPSI-DPC-BDG", pattern = PartnerCodes.PATTERN) @NotNull @Pattern(regexp = PartnerCodes.PATTERN) String code,
        @Schema(description = "Display name", example = "DPC SPSI Kota Bandung") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Kind of organisation", example = "UNION") @NotNull PartnerType type,
        @Schema(description = "BPJS Ketenagakerjaan branch office of the cooperation agreement", example = "Bandung Suci") @NotBlank @Size(max = 100) String branchOffice,
        @Schema(description = "Quotas; the service defaults apply when absent") @Valid QuotaDto quota) {
}
