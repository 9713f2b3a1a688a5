package id.perisai.api.registration.rest;

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
import id.perisai.api.registration.dto.RecordResultResponse;
import id.perisai.api.registration.ingest.RegistrationBatches;
import id.perisai.api.registration.service.RegistrationQueryService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Bulk registrations of informal workers. */
@Path("/v1/registration-batches")
@Tag(name = "Registrations")
public class RegistrationBatchResource {

    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final BatchIntake intake;
    private final RegistrationBatches registrations;
    private final RegistrationQueryService queries;

    public RegistrationBatchResource(BatchIntake intake, RegistrationBatches registrations,
            RegistrationQueryService queries) {
        this.intake = intake;
        this.registrations = registrations;
        this.queries = queries;
    }

    @POST
    @Blocking
    @RolesAllowed(Scopes.REGISTRATIONS_WRITE)
    @Consumes({ MediaType.APPLICATION_JSON, RecordFormat.NDJSON_TYPE, RecordFormat.NDJSON_ALIAS, CSV })
    @Produces(MediaType.APPLICATION_JSON)
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
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "json", value = RegistrationExamples.JSON_BATCH)),
            @Content(mediaType = RecordFormat.NDJSON_TYPE, examples = @ExampleObject(name = "ndjson", value = RegistrationExamples.NDJSON_BATCH)),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = RegistrationExamples.CSV_BATCH)) })
    @APIResponse(responseCode = "202", description = "Accepted and stored; Location points to the batch", headers = {
            @Header(name = "Location", description = "The batch", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Idempotent-Replayed", description = "`true` when this is the stored answer to an earlier request with the same Idempotency-Key (nothing was done again)", schema = @Schema(type = SchemaType.STRING, enumeration = "true")) }, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "received", value = RegistrationExamples.BATCH)))
    @APIResponse(responseCode = "400", description = "Missing or malformed Idempotency-Key, or a body that cannot be read as its format (nothing stored)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "malformed", value = RegistrationExamples.MALFORMED)))
    @APIResponse(responseCode = "413", description = "More records than the partner's maxBatchRecords (batch-too-large), or a body over 256 MiB (payload-too-large); nothing stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "batch too large", value = RegistrationExamples.TOO_LARGE)))
    @APIResponse(responseCode = "429", description = "More records than today's registrations quota has left (quota-exceeded, Retry-After until 00:00 WIB), or over requestsPerMinute (rate-limited); nothing stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "quota exceeded", value = RegistrationExamples.QUOTA_EXCEEDED)))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being accepted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "in flight", value = RegistrationExamples.IN_FLIGHT)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "reused", value = RegistrationExamples.REUSED)))
    public Response submit(InputStream body,
            @Parameter(description = "Unique per request: retries of one request carry the same key", required = true, example = "3f1c7a52-batch-2026-11-21-001") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Validate and de-duplicate only; store no participant", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("dryRun") String dryRun,
            @Context UriInfo uri) {
        boolean dry = BatchQueries.parseDryRun(dryRun);
        RecordFormat format = RecordFormat.of(contentType);
        String base = id.perisai.api.common.web.PublicLinks.current().to(BatchKind.REGISTRATION.path());
        return intake.accept(registrations, Caller.of(identity), idempotencyKey, format, dry, body, base).response();
    }

    @GET
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listRegistrationBatches", summary = "List registration batches", description = "The partner's batches, newest first.")
    @APIResponse(responseCode = "200", description = "A page of batches", content = @Content(schema = @Schema(implementation = BatchPage.class), examples = @ExampleObject(name = "page", value = RegistrationExamples.PAGE)))
    public Uni<Page<BatchResponse>> list(
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return queries.list(Caller.of(identity), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{batchId}")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRegistrationBatch", summary = "Get a registration batch", description = "Status and totals; COMPLETED means every record has its outcome.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(schema = @Schema(implementation = BatchResponse.class), examples = @ExampleObject(name = "completed", value = RegistrationExamples.COMPLETED)))
    public Uni<BatchResponse> get(
            @Parameter(description = "Batch id", example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") @PathParam("batchId") String batchId) {
        return queries.get(Caller.of(identity), batchId);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listRegistrationRecords", summary = "Per-record results of a batch", description = """
            One outcome per record in submission order (`index`, 1-based), echoing `externalRef`: ACCEPTED (with the
            participant and whether it is new), DUPLICATE (ALREADY_REGISTERED or DUPLICATE_IN_BATCH) or REJECTED with
            every error. Records appear as the batch is processed. With `Accept: text/csv` the same results stream as
            one CSV document (not paged).""")
    @APIResponse(responseCode = "200", description = "A page of results, or the CSV document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordPage.class), examples = @ExampleObject(name = "page", value = RegistrationExamples.RESULTS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = RegistrationExamples.RESULTS_CSV)) })
    public Uni<Page<RecordResultResponse>> records(
            @Parameter(description = "Batch id", example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") @PathParam("batchId") String batchId,
            @Parameter(description = "Only records with this outcome", schema = @Schema(enumeration = { "ACCEPTED", "DUPLICATE",
                    "REJECTED" })) @QueryParam("status") String status,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return queries.results(Caller.of(identity), batchId, PageRequest.of(limit, cursor), status);
    }

    @GET
    @Path("{batchId}/records")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Produces(CSV)
    @Operation(hidden = true)
    public RestMulti<String> recordsCsv(@PathParam("batchId") String batchId, @QueryParam("status") String status) {
        return ResultsCsv.response(queries.resultsCsv(Caller.of(identity), batchId, status), "registration-batch.csv");
    }

    /** Documentation type of a page of batches. */
    @Schema(name = "BatchPage")
    record BatchPage(java.util.List<BatchResponse> items, String nextCursor) {
    }

    /** Documentation type of a page of results. */
    @Schema(name = "RegistrationRecordPage")
    record RecordPage(java.util.List<RecordResultResponse> items, String nextCursor) {
    }

}
