package id.perisai.api.contribution.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import id.perisai.api.common.batch.BatchIntake;
import id.perisai.api.common.batch.BatchKind;
import id.perisai.api.common.batch.BatchQueries;
import id.perisai.api.common.batch.BatchResponse;
import id.perisai.api.common.batch.ResultsCsv;
import id.perisai.api.common.idempotency.IdempotencyKeys;
import id.perisai.api.common.ingest.RecordFormat;
import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.contribution.dto.ContributionRecordResponse;
import id.perisai.api.contribution.ingest.ContributionBatches;
import id.perisai.api.contribution.service.ContributionQueryService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Bulk contribution payments. */
@Path("/v1/contribution-batches")
@Tag(name = "Contributions")
public class ContributionBatchResource {

    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final BatchIntake intake;
    private final ContributionBatches contributions;
    private final ContributionQueryService queries;

    public ContributionBatchResource(BatchIntake intake, ContributionBatches contributions,
            ContributionQueryService queries) {
        this.intake = intake;
        this.contributions = contributions;
        this.queries = queries;
    }

    @POST
    @Blocking
    @RolesAllowed(Scopes.CONTRIBUTIONS_WRITE)
    @Consumes({ MediaType.APPLICATION_JSON, RecordFormat.NDJSON_TYPE, RecordFormat.NDJSON_ALIAS, CSV })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitContributionBatch", summary = "Submit a batch of contribution payments", description = """
            Pays contributions for many participants at once, with the same envelope as registration batches: JSON
            `{"records":[...]}`, NDJSON or CSV, streamed; `Idempotency-Key` required (replay, 422 on another body, 409
            while in flight); `dryRun=true` decides without storing; the 202 is a promise of exactly one outcome per
            record. Records count against today's `contributions` quota.

            Each payment names its participant by NIK (any non-void participant may be paid for by any partner) and
            must start at the participant's first unpaid month, reach at most 12 months past the current month, and
            carry exactly the amount due (`AMOUNT_MISMATCH` gives `expectedAmount`; see `POST /v1/contributions/quote`).
            A LAPSED participant (unpaid for more than 3 months) is refused: register the worker again. `paymentRef` is
            unique per partner (`PAYMENT_DUPLICATE`). Payments for one participant within a batch apply in order.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "json", value = ContributionExamples.JSON_BATCH)),
            @Content(mediaType = RecordFormat.NDJSON_TYPE, examples = @ExampleObject(name = "ndjson", value = ContributionExamples.NDJSON_BATCH)),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = ContributionExamples.CSV_BATCH)) })
    @APIResponse(responseCode = "202", description = "Accepted and stored; Location points to the batch", headers = {
            @Header(name = "Location", description = "The batch", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Idempotent-Replayed", description = "`true` when this is the stored answer to an earlier request with the same Idempotency-Key (nothing was done again)", schema = @Schema(type = SchemaType.STRING, enumeration = "true")) }, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "received", value = ContributionExamples.BATCH)))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being accepted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(InputStream body,
            @Parameter(description = "Unique per request: retries of one request carry the same key", required = true, example = "payments-2026-11-21-001") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Decide only; store no payment", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("dryRun") String dryRun,
            @Context UriInfo uri) {
        boolean dry = BatchQueries.parseDryRun(dryRun);
        RecordFormat format = RecordFormat.of(contentType);
        String base = id.perisai.api.common.web.PublicLinks.current().to(BatchKind.CONTRIBUTION.path());
        return intake.accept(contributions, Caller.of(identity), idempotencyKey, format, dry, body, base).response();
    }

    @GET
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listContributionBatches", summary = "List contribution batches", description = "The partner's contribution batches, newest first.")
    @APIResponse(responseCode = "200", description = "A page of batches", content = @Content(schema = @Schema(implementation = BatchPage.class), examples = @ExampleObject(name = "page", value = ContributionExamples.PAGE)))
    public Uni<Page<BatchResponse>> list(
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return queries.list(Caller.of(identity), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{batchId}")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getContributionBatch", summary = "Get a contribution batch", description = "Status and totals; COMPLETED means every record has its outcome.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "completed", value = ContributionExamples.COMPLETED)))
    public Uni<BatchResponse> get(
            @Parameter(description = "Batch id", example = "6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f") @PathParam("batchId") String batchId) {
        return queries.get(Caller.of(identity), batchId);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listContributionRecords", summary = "Per-record results of a contribution batch", description = """
            One outcome per record in submission order, echoing `externalRef`: ACCEPTED with the contribution,
            DUPLICATE (`PAYMENT_DUPLICATE`) or REJECTED with every reason (with `AMOUNT_MISMATCH` the amount due in
            `expectedAmount`). With `Accept: text/csv` the same results stream as one CSV document.""")
    @APIResponse(responseCode = "200", description = "A page of results, or the CSV document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordPage.class), examples = @ExampleObject(name = "page", value = ContributionExamples.RESULTS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = ContributionExamples.RESULTS_CSV)) })
    public Uni<Page<ContributionRecordResponse>> records(
            @Parameter(description = "Batch id", example = "6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f") @PathParam("batchId") String batchId,
            @Parameter(description = "Only records with this outcome", schema = @Schema(enumeration = { "ACCEPTED", "DUPLICATE",
                    "REJECTED" })) @QueryParam("status") String status,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return queries.results(Caller.of(identity), batchId, PageRequest.of(limit, cursor), status);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(CSV)
    @Operation(hidden = true)
    public RestMulti<String> recordsCsv(@PathParam("batchId") String batchId, @QueryParam("status") String status) {
        return ResultsCsv.response(queries.resultsCsv(Caller.of(identity), batchId, status), "contribution-batch.csv");
    }

    /** Documentation type of a page of batches. */
    @Schema(name = "ContributionBatchPage")
    record BatchPage(java.util.List<BatchResponse> items, String nextCursor) {
    }

    /** Documentation type of a page of results. */
    @Schema(name = "ContributionRecordPage")
    record RecordPage(java.util.List<ContributionRecordResponse> items, String nextCursor) {
    }
}
