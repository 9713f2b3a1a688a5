package id.perisai.api.sponsorship.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import id.perisai.api.sponsorship.dto.CreateSponsorshipRequest;
import id.perisai.api.sponsorship.dto.InvoiceResponse;
import id.perisai.api.sponsorship.dto.SponsorshipResponse;
import id.perisai.api.sponsorship.dto.UpdateSponsorshipRequest;
import id.perisai.api.sponsorship.service.InvoiceService;
import id.perisai.api.sponsorship.service.SponsorshipService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Sponsorships, as agency staff create, end and read them (growth.md §2). */
@Path("/v1/admin/sponsorships")
@Tag(name = "Admin: sponsorships")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SponsorshipAdminResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final SponsorshipService sponsorships;
    private final InvoiceService invoices;
    private final PublicLinks links;

    public SponsorshipAdminResource(SponsorshipService sponsorships, InvoiceService invoices, PublicLinks links) {
        this.sponsorships = sponsorships;
        this.invoices = invoices;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSponsorship", summary = "Create a sponsorship", description = """
            A payer — `GOVERNMENT` (APBN/APBD money: no PP 50/2025 discount), `DONOR` (CSR; e.g. free JKK+JKM months
            for new members) or `PARTNER` (the Wadah) — paying the monthly dues of a roster of one partner's
            participants from `fromMonth` through `toMonth`, for at most `maxMembers` of them. The partner then
            manages the roster through member batches and pays each month's invoice.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateSponsorshipRequest.class), examples = @ExampleObject(name = "donor", value = SponsorshipExamples.CREATE)))
    @APIResponse(responseCode = "201", description = "Created; Location points to the sponsorship", content = @Content(schema = @Schema(implementation = SponsorshipResponse.class), examples = @ExampleObject(name = "created", value = SponsorshipExamples.SPONSORSHIP)))
    public Uni<RestResponse<SponsorshipResponse>> create(@Valid @NotNull CreateSponsorshipRequest body) {
        return sponsorships.create(body, Caller.of(identity))
                .map(created -> links.created(created, "v1/admin/sponsorships", created.sponsorshipId().toString()));
    }

    @GET
    @Operation(operationId = "listSponsorships", summary = "List sponsorships", description = "Every partner's sponsorships (or one partner's), newest first.")
    @APIResponse(responseCode = "200", description = "A page of sponsorships", content = @Content(schema = @Schema(implementation = SponsorshipPage.class), examples = @ExampleObject(name = "page", value = SponsorshipExamples.PAGE)))
    public Uni<Page<SponsorshipResponse>> list(
            @Parameter(description = "Only this partner's", example = "DEMO-WADAH") @QueryParam("partnerCode") String partnerCode,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return sponsorships.list(Caller.of(identity), partnerCode, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{sponsorshipId}")
    @Operation(operationId = "getSponsorshipAsAdmin", summary = "Get a sponsorship", description = "The sponsorship with its current member count.")
    @APIResponse(responseCode = "200", description = "The sponsorship", content = @Content(schema = @Schema(implementation = SponsorshipResponse.class), examples = @ExampleObject(name = "sponsorship", value = SponsorshipExamples.SPONSORSHIP)))
    public Uni<SponsorshipResponse> get(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId) {
        return sponsorships.get(Caller.of(identity), sponsorshipId);
    }

    @PATCH
    @Path("{sponsorshipId}")
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH })
    @Operation(operationId = "updateSponsorship", summary = "End or reactivate a sponsorship", description = """
            `ENDED` stops the sponsorship: member batches reject their records (`SPONSORSHIP_ENDED`) and invoices can no
            longer be paid (409); `ACTIVE` reopens it.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateSponsorshipRequest.class), examples = @ExampleObject(name = "end", value = SponsorshipExamples.UPDATE)))
    @APIResponse(responseCode = "200", description = "The sponsorship after the change", content = @Content(schema = @Schema(implementation = SponsorshipResponse.class), examples = @ExampleObject(name = "ended", value = SponsorshipExamples.ENDED)))
    public Uni<SponsorshipResponse> update(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Valid @NotNull UpdateSponsorshipRequest body) {
        return sponsorships.update(sponsorshipId, body, Caller.of(identity));
    }

    @GET
    @Path("{sponsorshipId}/invoices/{month}")
    @Operation(operationId = "getSponsorshipInvoiceAsAdmin", summary = "A month's invoice of any sponsorship", description = """
            The same document the partner reads (see getSponsorshipInvoice); with `Accept: text/csv` as CSV for the
            payer's finance office.""")
    @APIResponse(responseCode = "200", description = "The invoice", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceResponse.class), examples = @ExampleObject(name = "open", value = SponsorshipExamples.INVOICE)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = SponsorshipExamples.INVOICE_CSV)) })
    public Uni<InvoiceResponse> invoice(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Parameter(description = SponsorshipExamples.MONTH_PARAMETER, example = SponsorshipExamples.MONTH) @PathParam("month") String month) {
        return invoices.invoice(Caller.of(identity), sponsorshipId, month);
    }

    @GET
    @Path("{sponsorshipId}/invoices/{month}")
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> invoiceCsv(@PathParam("sponsorshipId") String sponsorshipId,
            @PathParam("month") String month) {
        return invoices.invoice(Caller.of(identity), sponsorshipId, month).map(SponsorshipResource::csv);
    }

    /** Documentation type of a page of sponsorships. */
    @Schema(name = "SponsorshipPage")
    record SponsorshipPage(List<SponsorshipResponse> items, String nextCursor) {
    }
}
