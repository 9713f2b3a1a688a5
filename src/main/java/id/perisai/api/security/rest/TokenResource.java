package id.perisai.api.security.rest;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import id.perisai.api.common.problem.ProblemMappers;
import id.perisai.api.common.problem.ProblemResponses;
import id.perisai.api.common.problem.ProblemType;
import id.perisai.api.common.web.RequestIds;
import id.perisai.api.security.service.OAuthException;
import id.perisai.api.security.service.TokenRequest;
import id.perisai.api.security.service.TokenService;
import id.perisai.api.security.service.TokenThrottledException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** OAuth 2.0 token endpoint (client credentials, RFC 6749 §4.4). */
@Path("/oauth2/token")
@Tag(name = "OAuth2")
@PermitAll
public class TokenResource {

    private final TokenService tokens;
    private final ProblemResponses problems;

    public TokenResource(TokenService tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(operationId = "issueToken", summary = "Get an access token (client credentials)", description = """
            Exchanges a client's credentials for a JWT access token valid for at most one hour. Authenticate the client
            with HTTP Basic (`Authorization: Basic base64(client_id:client_secret)`) or with the `client_id` and
            `client_secret` form fields, never both. `scope` narrows the token to a subset of the client's scopes (requested scopes the client lacks are left
            out, and the response's `scope` lists what was granted).
            Errors follow RFC 6749 §5.2 (`error`, `error_description`) and also carry the problem-details members.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(implementation = TokenForm.class), examples = @ExampleObject(name = "client credentials", value = """
            {"grant_type":"client_credentials","client_id":"demo-wadah-portal","client_secret":"dev-only-demo-secret","scope":"agents:read registrations:read registrations:write"}""")))
    @APIResponse(responseCode = "200", description = "Token issued", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class), examples = @ExampleObject(name = "token", value = """
            {"access_token":"eyJraWQiOiJlLXhKdzhtSFY4SlpiZ2phVTRwWU1XM1BVYlFLa3dlNERVM2xxWlg0ZkJnIiwiYWxnIjoiUlMyNTYifQ.eyJpc3MiOiJodHRwczovL3BlcmlzYWktcGFydG5lci1hcGkuZGV2LmxvY2FsIn0.c2lnbmF0dXJl","token_type":"Bearer","expires_in":3600,"scope":"agents:read registrations:read registrations:write"}""")))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_scope, unsupported_grant_type or unauthorized_client", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthDocs.OAuthError.class), examples = @ExampleObject(name = "invalid_scope", value = """
            {"error":"invalid_scope","error_description":"None of the requested scopes is granted to this client","type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/invalid_scope","title":"OAuth2 token request refused","status":400}""")))
    @APIResponse(responseCode = "401", description = "invalid_client: unknown client, wrong secret or revoked client", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthDocs.OAuthError.class), examples = @ExampleObject(name = "invalid_client", value = """
            {"error":"invalid_client","error_description":"Client authentication failed","type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/invalid_client","title":"OAuth2 token request refused","status":401}""")))
    @APIResponse(responseCode = "429", description = "Too many failed client authentications from this address (or of this client id from it); retry after the delay in Retry-After. Other clients and addresses are not affected", headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds until this address may try again", schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthDocs.OAuthError.class), examples = @ExampleObject(name = "throttled", value = """
            {"error":"temporarily_unavailable","error_description":"Too many failed client authentications from this address; retry after the delay in Retry-After","type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/temporarily_unavailable","title":"OAuth2 token request refused","status":429}""")))
    public Uni<Response> token(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http) {
        // the raw body, decoded here: a malformed escape (%zz) is invalid_request, not a failure of the framework
        TokenRequest request = TokenRequest.parse(TokenRequest.form(body), authorization);
        return tokens.issue(request, source(http)).map(token -> noStore(Response.ok(
                new TokenResponse(token.accessToken(), "Bearer", token.expiresIn(), token.scope()))).build());
    }

    /** The peer's address, or the client's as a trusted proxy forwards it (QUARKUS_HTTP_PROXY_*). */
    static String source(HttpServerRequest http) {
        SocketAddress address = http == null ? null : http.remoteAddress();
        return address == null || address.host() == null ? "unknown" : address.host();
    }

    @ServerExceptionMapper
    public Response oauthError(OAuthException e, UriInfo uri, HttpHeaders headers) {
        Response.ResponseBuilder response = oauthBody(e.status(), e.error(), e.getMessage(), uri, headers);
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"perisai-partner-api\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response throttled(TokenThrottledException e, UriInfo uri, HttpHeaders headers) {
        return oauthBody(429, "temporarily_unavailable",
                "Too many failed client authentications from this address; retry after the delay in Retry-After", uri,
                headers).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).build();
    }

    /** RFC 6749 error members plus the RFC 9457 ones, as application/json (what OAuth2 clients parse). */
    private Response.ResponseBuilder oauthBody(int status, String error, String description, UriInfo uri,
            HttpHeaders headers) {
        var problem = problems.problem(new ProblemType(status, error, "OAuth2 token request refused"), description,
                ProblemMappers.path(uri), headers.getHeaderString(RequestIds.HEADER), java.util.List.of(),
                Map.of("error", error, "error_description", description));
        return noStore(Response.status(status).type(MediaType.APPLICATION_JSON).entity(problem));
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }
}
