package id.perisai.api.registration.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

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

import id.perisai.api.batch.rest.BatchOperationsFilter;
import id.perisai.api.common.ingest.RecordFormat;
import id.perisai.api.registration.dto.RegistryImportResponse;
import id.perisai.api.registration.dto.RegistryRecord;
import id.perisai.api.registration.service.RegistryImportService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Agency staff: the participant registry's other channels. */
@Path("/v1/admin/registry/participants")
@Tag(name = "Admin: registry")
@RolesAllowed(Scopes.ADMIN)
public class RegistryAdminResource {

    static final String IMPORT = """
            {"records":[
              {"nik":"3175014101900007","status":"ACTIVE","registeredOn":"2025-03-10"},
              {"nik":"3273011505880008","status":"LAPSED","registeredOn":"2023-07-01"},
              {"nik":"9901011505880003","status":"ACTIVE","registeredOn":"2024-01-05"}]}""";

    static final String RESULT = """
            {"received":3,"created":1,"updated":1,"rejected":1,
             "errors":[{"index":3,"field":"nik","code":"NIK_REGION_INVALID","message":"must be a valid 16-digit NIK"}]}""";

    @Inject
    SecurityIdentity identity;

    private final RegistryImportService imports;

    public RegistryAdminResource(RegistryImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, RecordFormat.NDJSON_TYPE, RecordFormat.NDJSON_ALIAS })
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = BatchOperationsFilter.MARKER, value = BatchOperationsFilter.UPLOAD)
    @Operation(operationId = "importRegistryParticipants", summary = "Import participants registered elsewhere", description = """
            Upserts participants registered through other channels, by NIK: unknown NIKs become participants, known
            ones get the given status (ACTIVE or LAPSED); VOID participants are never changed. JSON
            `{"records":[{"nik","status","registeredOn"}]}` or NDJSON; received into local storage first (the database
            is not held while the body arrives), then applied in one transaction, so a malformed body changes nothing. Invalid records are listed with their reasons; the rest is applied.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistryRecord.Import.class), examples = @ExampleObject(name = "import", value = IMPORT)),
            @Content(mediaType = RecordFormat.NDJSON_TYPE, schema = @Schema(type = SchemaType.STRING, description = "One RegistryRecord JSON object per line (UTF-8)")) })
    @APIResponse(responseCode = "200", description = "Applied", content = @Content(schema = @Schema(implementation = RegistryImportResponse.class), examples = @ExampleObject(name = "result", value = RESULT)))
    public Uni<RegistryImportResponse> importParticipants(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context RoutingContext request) {
        return imports.importParticipants(Caller.of(identity), contentType, request);
    }
}
