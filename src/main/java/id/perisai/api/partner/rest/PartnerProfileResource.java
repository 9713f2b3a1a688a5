package id.perisai.api.partner.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.partner.dto.PartnerResponse;
import id.perisai.api.partner.service.PartnerService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The calling partner's own profile: the quickest check that a partner token works. */
@Path("/v1/partner")
@Tag(name = "Partner")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerProfileResource {

    @Inject
    SecurityIdentity identity;

    private final PartnerService partners;

    public PartnerProfileResource(PartnerService partners) {
        this.partners = partners;
    }

    @GET
    @RolesAllowed({ Scopes.AGENTS_READ, Scopes.AGENTS_WRITE, Scopes.REGISTRATIONS_READ, Scopes.REGISTRATIONS_WRITE,
            Scopes.CONTRIBUTIONS_READ, Scopes.CONTRIBUTIONS_WRITE, Scopes.INCENTIVES_READ, Scopes.REPORTS_READ,
            Scopes.WEBHOOKS_MANAGE })
    @Operation(operationId = "getOwnPartner", summary = "The partner this token acts for", description = """
            Returns the partner named by the token's `partner_id`, with its status and quotas. Any partner scope
            grants it; agency-staff (`admin`) tokens act for no partner and get 403.""")
    @APIResponse(responseCode = "200", description = "The calling partner", content = @Content(schema = @Schema(implementation = PartnerResponse.class), examples = @ExampleObject(name = "partner", value = PartnerExamples.PARTNER)))
    public Uni<PartnerResponse> get() {
        return partners.get(Caller.of(identity).partnerCode());
    }
}
