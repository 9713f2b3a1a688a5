package id.perisai.api.registration.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegistryImportResult", requiredProperties = { "received", "created", "updated", "rejected",
        "errors" }, description = "What an import did, with every rejected record's reasons")
public record RegistryImportResponse(
        @Schema(example = "3") int received,
        @Schema(description = "New participants", example = "1") int created,
        @Schema(description = "Existing participants whose status was set", example = "1") int updated,
        @Schema(description = "Invalid records, NIKs repeated in the import, and VOID participants (never changed)", example = "1") int rejected,
        @Schema(description = "Reasons, record by record (at most 1000)") List<ImportError> errors,
        @Schema(description = "True when more than 1000 reasons exist") Boolean errorsTruncated) {

    /** A reason an imported record was not applied. */
    @Schema(name = "RegistryImportError", requiredProperties = { "index", "code", "message" })
    public record ImportError(@Schema(example = "3") int index, @Schema(example = "nik") String field,
            @Schema(example = "NIK_REGION_INVALID") String code,
            @Schema(example = "must be a valid 16-digit NIK") String message) {
    }
}
