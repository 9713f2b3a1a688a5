package id.perisai.api.security.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of the token request form (the endpoint reads the raw form to refuse repeated fields). */
@Schema(name = "TokenRequest", description = "Client-credentials token request (RFC 6749 §4.4), form-encoded")
public record TokenForm(
        @Schema(required = true, enumeration = "client_credentials", example = "client_credentials") String grant_type,
        @Schema(description = "Client id (or use HTTP Basic)", example = "demo-wadah-portal") String client_id,
        @Schema(description = "Client secret (or use HTTP Basic)", example = "dev-only-demo-secret") String client_secret,
        @Schema(description = "Space-separated subset of the client's scopes; all of them when absent", example = "agents:read registrations:write") String scope) {
}
