package id.perisai.api.security.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.security.service.SigningKey;
import io.smallrye.common.annotation.NonBlocking;

/** The public key our issuer signs with, for anyone verifying our tokens. */
@Path("/.well-known/jwks.json")
@Tag(name = "OAuth2")
@PermitAll
public class JwksResource {

    private final Map<String, Object> jwks;

    public JwksResource(SigningKey signingKey) {
        this.jwks = Map.of("keys", List.of(signingKey.publicJwk()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(operationId = "getJwks", summary = "Token signing keys (JWKS)", description = """
            The JSON Web Key Set with the public key of the issuer's signing key (RFC 7517). Its `kid` is the RFC 7638
            thumbprint and appears in the header of every token issued by `/oauth2/token`.""")
    @APIResponse(responseCode = "200", description = "The key set", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthDocs.KeySet.class), examples = @ExampleObject(name = "jwks", value = """
            {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"e-xJw8mHV8JZbgjaU4pYMW3PUbQKkwe4DU3lqZX4fBg","n":"xAqNJTXcRhbdyWuWNXMRPMHIqF8CjMu2edM86tqxgwrKy8H8e5coUnIgOItbxyQnjTbHu9ycTyDC8w","e":"AQAB"}]}""")))
    @NonBlocking // the key set is in memory
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(jwks).cacheControl(cache).build();
    }
}
