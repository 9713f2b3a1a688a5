package id.perisai.api.partner.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.common.web.PublicLinks;
import id.perisai.api.common.web.QueryParams;
import id.perisai.api.partner.dto.CreatePartnerRequest;
import id.perisai.api.partner.dto.PartnerResponse;
import id.perisai.api.partner.dto.PayoutAccountRequest;
import id.perisai.api.partner.dto.QuotaDto;
import id.perisai.api.partner.dto.UpdatePartnerRequest;
import id.perisai.api.partner.repository.PartnerStatus;
import id.perisai.api.partner.service.PartnerService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Partner onboarding and administration (agency staff, scope {@code admin}). */
@Path("/v1/admin/partners")
@Tag(name = "Admin: partners")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PartnerAdminResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    SecurityIdentity identity;

    private final PartnerService partners;

    private final PublicLinks links;

    public PartnerAdminResource(PartnerService partners, PublicLinks links) {
        this.partners = partners;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPartner", summary = "Onboard a partner", description = """
            Creates a partner (Wadah) with its quotas. The code is permanent and becomes the `partner_id` claim of the
            partner's tokens. Without `quota` the service's default quotas apply.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreatePartnerRequest.class), examples = @ExampleObject(name = "union", value = PartnerExamples.CREATE)))
    @APIResponse(responseCode = "201", description = "Created; Location points to the partner", content = @Content(schema = @Schema(implementation = PartnerResponse.class), examples = @ExampleObject(name = "created", value = PartnerExamples.PARTNER)))
    @APIResponse(responseCode = "409", description = "A partner with this code exists", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "duplicate", value = PartnerExamples.DUPLICATE)))
    public Uni<RestResponse<PartnerResponse>> create(@Valid @NotNull CreatePartnerRequest body) {
        return partners.create(body, Caller.of(identity))
                .map(created -> links.created(created, "v1/admin/partners", created.code()));
    }

    @GET
    @Operation(operationId = "listPartners", summary = "List partners", description = "Partners ordered by code, a page at a time.")
    @APIResponse(responseCode = "200", description = "A page of partners", content = @Content(schema = @Schema(implementation = PartnerPage.class), examples = @ExampleObject(name = "page", value = PartnerExamples.PAGE)))
    public Uni<Page<PartnerResponse>> list(
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Only partners with this status", schema = @Schema(implementation = PartnerStatus.class)) @QueryParam("status") String status) {
        PageRequest page = PageRequest.of(limit, cursor);
        return partners.list(page, QueryParams.enumValue(status, PartnerStatus.class, "status"));
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getPartner", summary = "Get a partner", description = "The partner with its status and quotas.")
    @APIResponse(responseCode = "200", description = "The partner", content = @Content(schema = @Schema(implementation = PartnerResponse.class), examples = @ExampleObject(name = "partner", value = PartnerExamples.PARTNER)))
    public Uni<PartnerResponse> get(
            @Parameter(description = "Partner code", example = "DEMO-WADAH") @PathParam("code") String code) {
        return partners.get(code);
    }

    @PATCH
    @Path("{code}")
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH })
    @Operation(operationId = "updatePartner", summary = "Rename, suspend or reactivate a partner", description = """
            Changes the name and/or status. Suspending a partner makes every one of its tokens answer 403
            `partner-suspended` from the next request on, and its clients get no new tokens.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdatePartnerRequest.class), examples = @ExampleObject(name = "rename", value = PartnerExamples.UPDATE)))
    @APIResponse(responseCode = "200", description = "The partner after the change", content = @Content(schema = @Schema(implementation = PartnerResponse.class), examples = @ExampleObject(name = "suspended", value = PartnerExamples.SUSPENDED_PARTNER)))
    public Uni<PartnerResponse> update(
            @Parameter(description = "Partner code", example = "DEMO-WADAH") @PathParam("code") String code,
            @Valid @NotNull UpdatePartnerRequest body) {
        return partners.update(code, body, Caller.of(identity));
    }

    @PUT
    @Path("{code}/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPartnerQuota", summary = "Set a partner's quotas", description = "Replaces all four quotas; the change applies to the partner's next request.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = QuotaDto.class), examples = @ExampleObject(name = "quota", value = PartnerExamples.QUOTA)))
    @APIResponse(responseCode = "200", description = "The partner with its new quotas", content = @Content(schema = @Schema(implementation = PartnerResponse.class), examples = @ExampleObject(name = "partner", value = PartnerExamples.PARTNER)))
    public Uni<PartnerResponse> setQuota(
            @Parameter(description = "Partner code", example = "DEMO-WADAH") @PathParam("code") String code,
            @Valid @NotNull QuotaDto body) {
        return partners.setQuota(code, body, Caller.of(identity));
    }

    @PUT
    @Path("{code}/payout-account")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPartnerPayoutAccount", summary = "Set where a partner's incentive fee is paid", description = """
            The account at a designated bank (BNI, CIMB_NIAGA by default) to which the partner's fee is transferred;
            it appears in the payout export. The number is stored encrypted and shown masked.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PayoutAccountRequest.class), examples = @ExampleObject(name = "account", value = PartnerExamples.PAYOUT_ACCOUNT)))
    @APIResponse(responseCode = "200", description = "The partner with its payout account", content = @Content(schema = @Schema(implementation = PartnerResponse.class), examples = @ExampleObject(name = "partner", value = PartnerExamples.PARTNER_WITH_ACCOUNT)))
    public Uni<PartnerResponse> setPayoutAccount(
            @Parameter(description = "Partner code", example = "DEMO-WADAH") @PathParam("code") String code,
            @Valid @NotNull PayoutAccountRequest body) {
        return partners.setPayoutAccount(code, body, Caller.of(identity));
    }

    /** Documentation type of a page of partners. */
    @Schema(name = "PartnerPage")
    record PartnerPage(java.util.List<PartnerResponse> items, String nextCursor) {
    }
}
