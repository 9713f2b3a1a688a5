package id.perisai.api.sponsorship.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change of a sponsorship's status (admin): ENDED stops new members and payments. */
@Schema(name = "UpdateSponsorshipRequest", requiredProperties = "status", additionalProperties = Schema.False.class)
public record UpdateSponsorshipRequest(
        @NotNull @Pattern(regexp = "ACTIVE|ENDED") @Schema(enumeration = {
                "ACTIVE", "ENDED" }, example = "ENDED") String status){
}
