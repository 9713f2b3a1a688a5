package id.perisai.api.contribution.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

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

import id.perisai.api.batch.progress.ProgressDocs;
import id.perisai.api.batch.progress.ProgressStream;
import id.perisai.api.batch.progress.ProgressStreamFilter;
import id.perisai.api.batch.progress.ProgressStreams;
import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.rest.BatchEndpoints;
import id.perisai.api.batch.rest.BatchOperationsFilter;
import id.perisai.api.batch.rest.BatchResponse;
import id.perisai.api.common.ingest.RecordFormat;
import id.perisai.api.common.web.Page;
import id.perisai.api.contribution.dto.ContributionRecord;
import id.perisai.api.contribution.dto.ContributionRecordResult;
import id.perisai.api.contribution.ingest.ContributionBatches;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Bulk contribution payments. */
@Path("/v1/contribution-batches")
@Tag(name = "Contributions")
public class ContributionBatchResource {

    static final String CSV = "text/csv";
    static final String NDJSON_BODY = "One ContributionRecord JSON object per line (UTF-8)";
    static final String CSV_BODY = "A header row of ContributionRecord field names, then one record per row: ',' or ';' separated, RFC 4180"
            + " quoting, UTF-8 with or without BOM";

    @Inject
    SecurityIdentity identity;

    private final BatchEndpoints batches;
    private final ProgressStreams progress;
    private final ContributionBatches contributions;

    public ContributionBatchResource(BatchEndpoints batches, ContributionBatches contributions, ProgressStreams progress) {
        this.batches = batches;
        this.contributions = contributions;
        this.progress = progress;
    }

    @POST
    @RolesAllowed(Scopes.CONTRIBUTIONS_WRITE)
    @Consumes({ MediaType.APPLICATION_JSON, RecordFormat.NDJSON_TYPE, RecordFormat.NDJSON_ALIAS, CSV })
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.SUBMIT)
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
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContributionRecord.Batch.class), examples = @ExampleObject(name = "json", value = ContributionExamples.JSON_BATCH)),
            @Content(mediaType = RecordFormat.NDJSON_TYPE, schema = @Schema(type = SchemaType.STRING, description = NDJSON_BODY)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = CSV_BODY), examples = @ExampleObject(name = "csv", value = ContributionExamples.CSV_BATCH)) })
    @APIResponse(responseCode = "202", description = "Accepted and stored; Location points to the batch", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "received", value = ContributionExamples.BATCH)))
    public Uni<Response> submit(@Context RoutingContext request) {
        return batches.submit(contributions, identity, null, request);
    }

    @GET
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.LIST)
    @Operation(operationId = "listContributionBatches", summary = "List contribution batches", description = "The partner's contribution batches, newest first.")
    @APIResponse(responseCode = "200", description = "A page of batches", content = @Content(schema = @Schema(implementation = BatchPage.class), examples = @ExampleObject(name = "page", value = ContributionExamples.PAGE)))
    public Uni<Page<BatchResponse>> list(@Context RoutingContext request) {
        return batches.list(contributions, identity, null, request);
    }

    @GET
    @Path("{batchId}")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getContributionBatch", summary = "Get a contribution batch", description = "Status and totals; COMPLETED means every record has its outcome.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "completed", value = ContributionExamples.COMPLETED)))
    public Uni<BatchResponse> get(
            @Parameter(description = "Batch id", example = "6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f") @PathParam("batchId") String batchId) {
        return batches.get(contributions, identity, null, batchId);
    }

    @GET
    @Path("{batchId}/events")
    @ProgressStream("CONTRIBUTION")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamContributionBatchEvents", summary = "Live progress of a contribution batch (Server-Sent Events)", description = ProgressDocs.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The event stream; it ends after the final event", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING, description = ProgressDocs.STREAM), examples = @ExampleObject(name = "stream", value = ProgressDocs.EXAMPLE)))
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "Batch id", example = "6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f") @PathParam("batchId") String batchId,
            @Parameter(description = "The id of the last event received, to resume after it") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse, @Context jakarta.ws.rs.container.ContainerRequestContext request) {
        return progress.events((BatchRepository.BatchRow) request.getProperty(ProgressStreamFilter.BATCH), lastEventId, sse);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.RECORDS)
    @Operation(operationId = "listContributionRecords", summary = "Per-record results of a contribution batch", description = """
            One outcome per record in submission order, echoing `externalRef`: ACCEPTED with the contribution,
            DUPLICATE (`PAYMENT_DUPLICATE`) or REJECTED with every reason (with `AMOUNT_MISMATCH` the amount due in
            `expectedAmount`). With `Accept: text/csv` the same results stream as one CSV document.""")
    @APIResponse(responseCode = "200", description = "A page of results, or the CSV document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordPage.class), examples = @ExampleObject(name = "page", value = ContributionExamples.RESULTS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = ContributionExamples.RESULTS_CSV)) })
    public Uni<Page<ContributionRecordResult>> records(
            @Parameter(description = "Batch id", example = "6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f") @PathParam("batchId") String batchId,
            @Context RoutingContext request) {
        return batches.records(contributions, identity, null, batchId, request);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Produces(CSV)
    @Operation(hidden = true)
    public RestMulti<String> recordsCsv(@PathParam("batchId") String batchId, @Context RoutingContext request) {
        return batches.recordsCsv(contributions, identity, null, batchId, request);
    }

    /** Documentation type of a page of batches. */
    @Schema(name = "ContributionBatchPage")
    record BatchPage(java.util.List<BatchResponse> items, String nextCursor) {
    }

    /** Documentation type of a page of results. */
    @Schema(name = "ContributionRecordPage")
    record RecordPage(java.util.List<ContributionRecordResult> items, String nextCursor) {
    }
}
