package id.perisai.api.security.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Documentation only: the bodies of the OAuth2 endpoints that are not DTOs of their own (built as maps). */
final class OAuthDocs {

    private OAuthDocs() {
    }

    /** RFC 6749 §5.2 error response, with the RFC 9457 members alongside (what {@code TokenResource} answers). */
    @Schema(name = "OAuthError", description = "RFC 6749 §5.2 error; the RFC 9457 problem members are present too", requiredProperties = {
            "error", "error_description", "type", "title", "status" })
    record OAuthError(
            @Schema(enumeration = {
                    "invalid_request", "invalid_client", "unauthorized_client", "unsupported_grant_type",
                    "invalid_scope", "temporarily_unavailable" }, example = "invalid_scope") String error,
            @Schema(example = "Scope not granted to this client: admin") String error_description,
            @Schema(description = "URI identifying the problem type; it ends in the error code", example = "https://api.perisai.bpjsketenagakerjaan.go.id/problems/invalid_scope") String type,
            @Schema(example = "OAuth2 token request refused") String title,
            @Schema(example = "400") int status,
            @Schema(example = "Scope not granted to this client: admin") String detail,
            @Schema(example = "/oauth2/token") String instance,
            @Schema(example = "5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11") String correlationId){
    }

    /** RFC 7517 key set. */
    @Schema(name = "JsonWebKeySet", description = "A JSON Web Key Set (RFC 7517)", requiredProperties = "keys")
    record KeySet(List<Key> keys) {
    }

    /** A public key of the set. */
    @Schema(name = "JsonWebKey", description = "A public signing key (RFC 7517/7518); kid is its RFC 7638 thumbprint", requiredProperties = {
            "kty", "kid" })
    record Key(
            @Schema(enumeration = {
                    "RSA", "EC" }, example = "RSA") String kty,
            @Schema(enumeration = "sig", example = "sig") String use,
            @Schema(enumeration = { "RS256", "ES256" }, example = "RS256") String alg,
            @Schema(example = "e-xJw8mHV8JZbgjaU4pYMW3PUbQKkwe4DU3lqZX4fBg") String kid,
            @Schema(description = "RSA modulus (base64url)") String n,
            @Schema(description = "RSA exponent (base64url)", example = "AQAB") String e,
            @Schema(description = "EC curve", example = "P-256") String crv,
            @Schema(description = "EC x coordinate (base64url)") String x,
            @Schema(description = "EC y coordinate (base64url)") String y){
    }
}
