package id.perisai.api.partner.dto;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateClientRequest", description = "A new OAuth2 client of a partner")
public record CreateClientRequest(
        @Schema(description = "What the client is, for the partner's and the agency's records", example = "Union portal production") @NotBlank @Size(max = 100) String name,
        @Schema(description = "Scopes the client may request; partner scopes only", example = "[\"agents:read\", \"agents:write\", \"registrations:read\", \"registrations:write\"]") @NotEmpty @Size(max = 16) List<@NotNull String> scopes) {
}
