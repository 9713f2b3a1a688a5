package id.perisai.api.partner.dto;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.partner.repository.PartnerStatus;

@Schema(name = "UpdatePartnerRequest", description = "Fields to change (JSON merge patch); absent fields stay as they are")
public record UpdatePartnerRequest(
        @Schema(description = "New display name", example = "DPC KSPSI Kota Bandung") @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Schema(description = "ACTIVE, or SUSPENDED to refuse all of the partner's tokens at once", example = "SUSPENDED") PartnerStatus status) {
}
