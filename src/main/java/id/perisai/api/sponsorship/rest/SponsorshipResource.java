package id.perisai.api.sponsorship.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import id.perisai.api.common.idempotency.IdempotencyKeys;
import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import id.perisai.api.sponsorship.dto.InvoicePaymentRequest;
import id.perisai.api.sponsorship.dto.InvoicePaymentResponse;
import id.perisai.api.sponsorship.dto.InvoiceResponse;
import id.perisai.api.sponsorship.dto.MemberResponse;
import id.perisai.api.sponsorship.dto.SponsorshipResponse;
import id.perisai.api.sponsorship.service.InvoiceService;
import id.perisai.api.sponsorship.service.SponsorshipService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The partner's sponsorships: their rosters, monthly invoices and payments (growth.md §2). */
@Path("/v1/sponsorships")
@Tag(name = "Sponsorships")
@Produces(MediaType.APPLICATION_JSON)
public class SponsorshipResource {

    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final SponsorshipService sponsorships;
    private final InvoiceService invoices;

    public SponsorshipResource(SponsorshipService sponsorships, InvoiceService invoices) {
        this.sponsorships = sponsorships;
        this.invoices = invoices;
    }

    @GET
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Operation(operationId = "listOwnSponsorships", summary = "The partner's sponsorships", description = "Sponsorships paying for this partner's participants, newest first.")
    @APIResponse(responseCode = "200", description = "A page of sponsorships", content = @Content(schema = @Schema(implementation = SponsorshipAdminResource.SponsorshipPage.class), examples = @ExampleObject(name = "page", value = SponsorshipExamples.PAGE)))
    public Uni<Page<SponsorshipResponse>> list(
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return sponsorships.list(Caller.of(identity), null, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{sponsorshipId}")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Operation(operationId = "getSponsorship", summary = "Get a sponsorship", description = "One of this partner's sponsorships (another partner's: 404).")
    @APIResponse(responseCode = "200", description = "The sponsorship", content = @Content(schema = @Schema(implementation = SponsorshipResponse.class), examples = @ExampleObject(name = "sponsorship", value = SponsorshipExamples.SPONSORSHIP)))
    public Uni<SponsorshipResponse> get(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId) {
        return sponsorships.get(Caller.of(identity), sponsorshipId);
    }

    @GET
    @Path("{sponsorshipId}/members")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Operation(operationId = "listSponsorshipMembers", summary = "The roster", description = """
            The participants sponsored to the sponsorship's end, by participantId; with `Accept: text/csv` the whole
            roster as CSV.""")
    @APIResponse(responseCode = "200", description = "A page of members", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberPage.class), examples = @ExampleObject(name = "page", value = SponsorshipExamples.MEMBERS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = SponsorshipExamples.MEMBERS_CSV)) })
    public Uni<Page<MemberResponse>> members(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return sponsorships.members(Caller.of(identity), sponsorshipId, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{sponsorshipId}/members")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> membersCsv(@PathParam("sponsorshipId") String sponsorshipId) {
        return sponsorships.allMembers(Caller.of(identity), sponsorshipId).map(members -> RestResponse.ResponseBuilder
                .ok(SponsorshipService.membersCsv(members)).header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"sponsorship-members.csv\"").build());
    }

    @GET
    @Path("{sponsorshipId}/invoices/{month}")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Operation(operationId = "getSponsorshipInvoice", summary = "A month's invoice", description = """
            One document with every line: each member's exact due for the month under the sponsorship's payer type
            (rules.md §4: GOVERNMENT money gets no PP 50/2025 discount), and the members excluded with the reason
            (`ALREADY_PAID`, `LAPSED`, `VOID`, `NOT_CONTIGUOUS` — an earlier month is unpaid —, `NOT_YET_REGISTERED`).
            OPEN until paid (computed afresh at each request), then PAID as it was paid. With `Accept: text/csv` as
            CSV for the payer's finance office.""")
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
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> invoiceCsv(@PathParam("sponsorshipId") String sponsorshipId,
            @PathParam("month") String month) {
        return invoices.invoice(Caller.of(identity), sponsorshipId, month).map(SponsorshipResource::csv);
    }

    static RestResponse<String> csv(InvoiceResponse invoice) {
        return RestResponse.ResponseBuilder.ok(InvoiceService.csv(invoice)).header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"invoice-" + invoice.month() + ".csv\"").build();
    }

    @POST
    @Path("{sponsorshipId}/invoices/{month}/payments")
    @RolesAllowed(Scopes.CONTRIBUTIONS_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "paySponsorshipInvoice", summary = "Pay a month's invoice", description = """
            Records the payer's payment of the invoice in one transaction: `amount` must equal the invoice's
            `totalAmount` as computed at that moment (else 422 `amount-mismatch` with `expectedAmount`, nothing
            written); one contribution per line (payer type and name of the sponsorship, reference
            `paymentRef#n`), each member's coverage extended by the month, the agents' incentive lines (rules.md §6),
            today's `contributions` quota consumed by the line count, and the invoice marked PAID. A PAID invoice
            refuses another payment (409). `Idempotency-Key` required: a retry with the same key and body gets the
            first answer (`Idempotent-Replayed: true`), whichever replica it reaches; exactly one payment is ever
            recorded.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = InvoicePaymentRequest.class), examples = @ExampleObject(name = "payment", value = SponsorshipExamples.PAYMENT_REQUEST)))
    @APIResponse(responseCode = "201", description = "Paid; Location points to the invoice", content = @Content(schema = @Schema(implementation = InvoicePaymentResponse.class), examples = @ExampleObject(name = "paid", value = SponsorshipExamples.PAYMENT)))
    @APIResponse(responseCode = "409", description = "Already paid, the sponsorship ended, the payment reference is used, or a request with this Idempotency-Key is in flight", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "paid", value = SponsorshipExamples.ALREADY_PAID)))
    @APIResponse(responseCode = "422", description = "The amount is not the invoice's total (expectedAmount), nothing is payable, or the Idempotency-Key was used for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "mismatch", value = SponsorshipExamples.MISMATCH)))
    public Uni<RestResponse<InvoicePaymentResponse>> pay(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Parameter(description = SponsorshipExamples.MONTH_PARAMETER
                    + "; a key used with `current` keeps the month it paid", example = SponsorshipExamples.MONTH) @PathParam("month") String month,
            @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, required = true, description = "1–255 visible ASCII characters; a retry with the same key and body gets the first answer", example = "sp2d-2026-12-0001-try-1", schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]{1,255}$")) @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull InvoicePaymentRequest body) {
        return invoices.pay(Caller.of(identity), sponsorshipId, month, idempotencyKey, body);
    }

    /** Documentation type of a page of members. */
    @Schema(name = "SponsorshipMemberPage")
    record MemberPage(List<MemberResponse> items, String nextCursor) {
    }
}
