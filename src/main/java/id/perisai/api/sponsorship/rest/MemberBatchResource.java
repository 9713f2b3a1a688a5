package id.perisai.api.sponsorship.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import id.perisai.api.batch.rest.BatchEndpoints;
import id.perisai.api.batch.rest.BatchOperationsFilter;
import id.perisai.api.batch.rest.BatchResponse;
import id.perisai.api.common.ingest.RecordFormat;
import id.perisai.api.common.web.Page;
import id.perisai.api.security.Scopes;
import id.perisai.api.sponsorship.dto.MemberRecord;
import id.perisai.api.sponsorship.dto.MemberRecordResult;
import id.perisai.api.sponsorship.ingest.MemberBatches;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Member batches of a sponsorship: a kind of the batch engine; this class only documents and delegates. */
@Path("/v1/sponsorships/{sponsorshipId}/member-batches")
@Tag(name = "Sponsorships")
public class MemberBatchResource {

    static final String CSV = "text/csv";
    static final String NDJSON_BODY = "One MemberRecord JSON object per line (UTF-8)";
    static final String CSV_BODY = "A header row of MemberRecord field names, then one record per row: ',' or ';' separated, RFC 4180"
            + " quoting, UTF-8 with or without BOM";

    @Inject
    SecurityIdentity identity;

    private final BatchEndpoints batches;
    private final MemberBatches members;

    public MemberBatchResource(BatchEndpoints batches, MemberBatches members) {
        this.batches = batches;
        this.members = members;
    }

    @POST
    @RolesAllowed(Scopes.CONTRIBUTIONS_WRITE)
    @Consumes({ MediaType.APPLICATION_JSON, RecordFormat.NDJSON_TYPE, RecordFormat.NDJSON_ALIAS, CSV })
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.SUBMIT)
    @Operation(operationId = "submitMemberBatch", summary = "Add members to a sponsorship, or remove them", description = """
            Manages the sponsorship's roster with the envelope of every batch: JSON `{"records":[...]}`, NDJSON or
            CSV, streamed; `Idempotency-Key` required; `dryRun=true` decides without storing; 202, then exactly one
            outcome per record. Records count against today's `contributions` quota.

            Each record names a participant this partner manages by NIK: `ADD` from `fromMonth` (ACCEPTED;
            DUPLICATE `ALREADY_MEMBER`; REJECTED `PARTICIPANT_NOT_FOUND` — unknown, VOID or not managed by this
            partner —, `PARTICIPANT_LAPSED`, `SPONSORSHIP_FULL`, `SPONSORSHIP_ENDED`, `MONTH_OUT_OF_RANGE`,
            `SPONSORED_ELSEWHERE` — a participant is in at most one ACTIVE sponsorship for a month) or `REMOVE` from
            `fromMonth` on (sponsored through the month before; `NOT_A_MEMBER`). Records apply in submission order.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberRecord.Batch.class), examples = @ExampleObject(name = "json", value = SponsorshipExamples.JSON_BATCH)),
            @Content(mediaType = RecordFormat.NDJSON_TYPE, schema = @Schema(type = SchemaType.STRING, description = NDJSON_BODY)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = CSV_BODY), examples = @ExampleObject(name = "csv", value = SponsorshipExamples.CSV_BATCH)) })
    @APIResponse(responseCode = "202", description = "Accepted and stored; Location points to the batch", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "received", value = SponsorshipExamples.BATCH)))
    public Uni<Response> submit(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Context RoutingContext request) {
        return batches.submit(members, identity, sponsorshipId, request);
    }

    @GET
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.LIST)
    @Operation(operationId = "listMemberBatches", summary = "List a sponsorship's member batches", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "A page of batches", content = @Content(schema = @Schema(implementation = BatchPage.class), examples = @ExampleObject(name = "page", value = SponsorshipExamples.BATCH_PAGE)))
    public Uni<Page<BatchResponse>> list(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Context RoutingContext request) {
        return batches.list(members, identity, sponsorshipId, request);
    }

    @GET
    @Path("{batchId}")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMemberBatch", summary = "Get a member batch", description = "Status and totals; COMPLETED means every record has its outcome.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "completed", value = SponsorshipExamples.COMPLETED)))
    public Uni<BatchResponse> get(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Parameter(description = "Batch id", example = SponsorshipExamples.BATCH_ID) @PathParam("batchId") String batchId) {
        return batches.get(members, identity, sponsorshipId, batchId);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.RECORDS)
    @Operation(operationId = "listMemberRecords", summary = "Per-record results of a member batch", description = """
            One outcome per record in submission order, echoing `externalRef`, with the participant found. With
            `Accept: text/csv` the same results stream as one CSV document.""")
    @APIResponse(responseCode = "200", description = "A page of results, or the CSV document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordPage.class), examples = @ExampleObject(name = "page", value = SponsorshipExamples.RESULTS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = SponsorshipExamples.RESULTS_CSV)) })
    public Uni<Page<MemberRecordResult>> records(
            @Parameter(description = "Sponsorship id", example = SponsorshipExamples.ID) @PathParam("sponsorshipId") String sponsorshipId,
            @Parameter(description = "Batch id", example = SponsorshipExamples.BATCH_ID) @PathParam("batchId") String batchId,
            @Context RoutingContext request) {
        return batches.records(members, identity, sponsorshipId, batchId, request);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(CSV)
    @Operation(hidden = true)
    public RestMulti<String> recordsCsv(@PathParam("sponsorshipId") String sponsorshipId,
            @PathParam("batchId") String batchId, @Context RoutingContext request) {
        return batches.recordsCsv(members, identity, sponsorshipId, batchId, request);
    }

    /** Documentation type of a page of batches. */
    @Schema(name = "MemberBatchPage")
    record BatchPage(java.util.List<BatchResponse> items, String nextCursor) {
    }

    /** Documentation type of a page of results. */
    @Schema(name = "MemberRecordPage")
    record RecordPage(java.util.List<MemberRecordResult> items, String nextCursor) {
    }
}
