package id.perisai.api.incentive.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "VoidRequest", description = "Why the registration is voided (kept with the participant, never logged)")
public record VoidRequest(
        @Schema(example = "Fictitious registration found in branch audit BA-2026-117", required = true) @NotBlank @Size(max = 500) String reason) {
}
