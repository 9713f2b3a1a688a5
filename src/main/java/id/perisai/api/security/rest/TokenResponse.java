package id.perisai.api.security.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 §5.1 access token response. */
@Schema(name = "TokenResponse", requiredProperties = { "access_token", "token_type", "expires_in",
        "scope" }, description = "An access token (RFC 6749 §5.1)")
public record TokenResponse(
        @Schema(description = "The JWT to send as 'Authorization: Bearer ...'") @JsonProperty("access_token") String accessToken,
        @Schema(enumeration = "Bearer", example = "Bearer") @JsonProperty("token_type") String tokenType,
        @Schema(description = "Lifetime in seconds", example = "3600") @JsonProperty("expires_in") long expiresIn,
        @Schema(description = "Granted scopes, space-separated", example = "agents:read registrations:read registrations:write") String scope) {
}
