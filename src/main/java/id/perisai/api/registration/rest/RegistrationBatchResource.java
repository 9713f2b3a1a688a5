package id.perisai.api.registration.rest;

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
import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.Page;
import id.perisai.api.registration.dto.RegistrationRecord;
import id.perisai.api.registration.dto.RegistrationRecordResult;
import id.perisai.api.registration.ingest.RegistrationBatches;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Bulk registrations of informal workers. */
@Path("/v1/registration-batches")
@Tag(name = "Registrations")
public class RegistrationBatchResource {

    static final String CSV = "text/csv";
    static final String NDJSON_BODY = "One RegistrationRecord JSON object per line (UTF-8)";
    static final String CSV_BODY = "A header row of RegistrationRecord field names, then one record per row: ',' or ';' separated, RFC 4180"
            + " quoting, UTF-8 with or without BOM" + ", programs as JKK|JKM|JHT";

    @Inject
    SecurityIdentity identity;

    private final BatchEndpoints batches;
    private final ProgressStreams progress;
    private final RegistrationBatches registrations;

    public RegistrationBatchResource(BatchEndpoints batches, RegistrationBatches registrations, ProgressStreams progress) {
        this.batches = batches;
        this.registrations = registrations;
        this.progress = progress;
    }

    @POST
    @RolesAllowed(Scopes.REGISTRATIONS_WRITE)
    @Consumes({ MediaType.APPLICATION_JSON, RecordFormat.NDJSON_TYPE, RecordFormat.NDJSON_ALIAS, CSV })
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.SUBMIT)
    @Operation(operationId = "submitRegistrationBatch", summary = "Submit a batch of registrations", description = """
            Registers many workers at once. The body is `{"records":[...]}` (application/json), one record per line
            (application/x-ndjson) or CSV (text/csv: a header row of field names, `,` or `;`, RFC 4180 quoting,
            UTF-8 with or without BOM, `programs` as `JKK|JKM|JHT`); it is read as a stream, up to 256 MiB.

            Each record is validated against the registration rules with **all** its errors collected; valid records
            are then de-duplicated nationally on the NIK (exactly one registration wins when submissions race) and
            within the batch. The 202 means the batch is stored: it is processed asynchronously and reaches COMPLETED
            with one outcome per record even if the service restarts. Poll the batch, then read its records. A small
            batch (at most 100 records to process, by default) is processed within the request: its 202 already says
            COMPLETED.

            `Idempotency-Key` (1–255 visible ASCII characters) is required: the same key with the same body and
            options returns the first response again without doing anything twice; with a different body it is a 422;
            while the first request is still being accepted, a 409. Keys are per partner and kept at least 24 hours.
            With `dryRun=true` the records are validated and de-duplicated but no participant is stored.

            Quotas: a batch may have at most the partner's `maxBatchRecords` (else 413 `batch-too-large`); its records
            count against today's `registrations` quota (WIB day) when it is accepted — all of them, valid or not — and
            a batch that does not fit in what remains is refused whole (429 `quota-exceeded`, `Retry-After` until 00:00
            WIB). Dry runs and replays consume nothing.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationRecord.Batch.class), examples = @ExampleObject(name = "json", value = RegistrationExamples.JSON_BATCH)),
            @Content(mediaType = RecordFormat.NDJSON_TYPE, schema = @Schema(type = SchemaType.STRING, description = NDJSON_BODY)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = CSV_BODY), examples = @ExampleObject(name = "csv", value = RegistrationExamples.CSV_BATCH)) })
    @APIResponse(responseCode = "202", description = "Accepted and stored; Location points to the batch", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "received", value = RegistrationExamples.BATCH)))
    @APIResponse(responseCode = "400", description = "Missing or malformed Idempotency-Key, or a body that cannot be read as its format (nothing stored)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "malformed", value = RegistrationExamples.MALFORMED)))
    @APIResponse(responseCode = "413", description = "More records than the partner's maxBatchRecords (batch-too-large), or a body over 256 MiB (payload-too-large); nothing stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "batch too large", value = RegistrationExamples.TOO_LARGE)))
    @APIResponse(responseCode = "429", description = "More records than today's registrations quota has left (quota-exceeded, Retry-After until 00:00 WIB), over requestsPerMinute (rate-limited), or too many uploads of the partner in flight (too-many-uploads); nothing stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "quota exceeded", value = RegistrationExamples.QUOTA_EXCEEDED)))
    public Uni<Response> submit(@Context RoutingContext request) {
        return batches.submit(registrations, identity, null, request);
    }

    @GET
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.LIST)
    @Operation(operationId = "listRegistrationBatches", summary = "List registration batches", description = "The partner's batches, newest first.")
    @APIResponse(responseCode = "200", description = "A page of batches", content = @Content(schema = @Schema(implementation = BatchPage.class), examples = @ExampleObject(name = "page", value = RegistrationExamples.PAGE)))
    public Uni<Page<BatchResponse>> list(@Context RoutingContext request) {
        return batches.list(registrations, identity, null, request);
    }

    @GET
    @Path("{batchId}")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRegistrationBatch", summary = "Get a registration batch", description = "Status and totals; COMPLETED means every record has its outcome.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "completed", value = RegistrationExamples.COMPLETED)))
    public Uni<BatchResponse> get(
            @Parameter(description = "Batch id", example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") @PathParam("batchId") String batchId) {
        return batches.get(registrations, identity, null, batchId);
    }

    @GET
    @Path("{batchId}/events")
    @ProgressStream("REGISTRATION")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamRegistrationBatchEvents", summary = "Live progress of a registration batch (Server-Sent Events)", description = ProgressDocs.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The event stream; it ends after the final event", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING, description = ProgressDocs.STREAM), examples = @ExampleObject(name = "stream", value = ProgressDocs.EXAMPLE)))
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "Batch id", example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") @PathParam("batchId") String batchId,
            @Parameter(description = "The id of the last event received, to resume after it") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse, @Context jakarta.ws.rs.container.ContainerRequestContext request) {
        return progress.events((BatchRepository.BatchRow) request.getProperty(ProgressStreamFilter.BATCH), lastEventId, sse);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.RECORDS)
    @Operation(operationId = "listRegistrationRecords", summary = "Per-record results of a batch", description = """
            One outcome per record in submission order (`index`, 1-based), echoing `externalRef`: ACCEPTED (with the
            participant and whether it is new), DUPLICATE (ALREADY_REGISTERED or DUPLICATE_IN_BATCH) or REJECTED with
            every error. Records appear as the batch is processed. With `Accept: text/csv` the same results stream as
            one CSV document (not paged).""")
    @APIResponse(responseCode = "200", description = "A page of results, or the CSV document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordPage.class), examples = @ExampleObject(name = "page", value = RegistrationExamples.RESULTS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = RegistrationExamples.RESULTS_CSV)) })
    public Uni<Page<RegistrationRecordResult>> records(
            @Parameter(description = "Batch id", example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") @PathParam("batchId") String batchId,
            @Context RoutingContext request) {
        return batches.records(registrations, identity, null, batchId, request);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(CSV)
    @Operation(hidden = true)
    public RestMulti<String> recordsCsv(@PathParam("batchId") String batchId, @Context RoutingContext request) {
        return batches.recordsCsv(registrations, identity, null, batchId, request);
    }

    /** Documentation type of a page of batches. */
    @Schema(name = "BatchPage")
    record BatchPage(java.util.List<BatchResponse> items, String nextCursor) {
    }

    /** Documentation type of a page of results. */
    @Schema(name = "RegistrationRecordPage")
    record RecordPage(java.util.List<RegistrationRecordResult> items, String nextCursor) {
    }

}
