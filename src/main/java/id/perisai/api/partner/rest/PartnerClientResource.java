package id.perisai.api.partner.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.common.web.PublicLinks;
import id.perisai.api.partner.dto.ClientCreatedResponse;
import id.perisai.api.partner.dto.ClientResponse;
import id.perisai.api.partner.dto.CreateClientRequest;
import id.perisai.api.partner.service.PartnerClientService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A partner's OAuth2 clients (agency staff, scope {@code admin}). */
@Path("/v1/admin/partners/{code}/clients")
@Tag(name = "Admin: partners")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PartnerClientResource {

    @Inject
    SecurityIdentity identity;

    private final PartnerClientService clients;

    private final PublicLinks links;

    public PartnerClientResource(PartnerClientService clients, PublicLinks links) {
        this.clients = clients;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPartnerClient", summary = "Create an OAuth2 client for a partner", description = """
            Creates client credentials for a partner's system. The secret is in this response only: the service keeps
            just a keyed hash (HMAC-SHA256). The client may request tokens with any subset of its scopes at `/oauth2/token`.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateClientRequest.class), examples = @ExampleObject(name = "portal", value = PartnerExamples.CREATE_CLIENT)))
    @APIResponse(responseCode = "201", description = "Created; the secret is shown only now", content = @Content(schema = @Schema(implementation = ClientCreatedResponse.class), examples = @ExampleObject(name = "created", value = PartnerExamples.CLIENT_CREATED)))
    public Uni<RestResponse<ClientCreatedResponse>> create(
            @Parameter(description = "Partner code", example = "DEMO-WADAH") @PathParam("code") String code,
            @Valid @NotNull CreateClientRequest body) {
        return clients.create(code, body, Caller.of(identity))
                .map(created -> links.created(created, "v1/admin/partners", code, "clients", created.clientId()));
    }

    @GET
    @Operation(operationId = "listPartnerClients", summary = "List a partner's clients", description = "Active and revoked clients, ordered by client id; secrets are never shown.")
    @APIResponse(responseCode = "200", description = "A page of clients", content = @Content(schema = @Schema(implementation = ClientPage.class), examples = @ExampleObject(name = "page", value = PartnerExamples.CLIENT_PAGE)))
    public Uni<Page<ClientResponse>> list(
            @Parameter(description = "Partner code", example = "DEMO-WADAH") @PathParam("code") String code,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return clients.list(code, PageRequest.of(limit, cursor));
    }

    @DELETE
    @Path("{clientId}")
    @Operation(operationId = "revokePartnerClient", summary = "Revoke a client", description = """
            Revokes the client: it gets no new tokens and the tokens it already holds are refused from the next
            request on. Revoking a revoked client changes nothing.""")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<RestResponse<Void>> revoke(
            @Parameter(description = "Partner code", example = "DEMO-WADAH") @PathParam("code") String code,
            @Parameter(description = "Client id", example = "prc_demowadahspare000001") @PathParam("clientId") String clientId) {
        return clients.revoke(code, clientId, Caller.of(identity)).map(v -> RestResponse.noContent());
    }

    /** Documentation type of a page of clients. */
    @Schema(name = "ClientPage")
    record ClientPage(java.util.List<ClientResponse> items, String nextCursor) {
    }
}
