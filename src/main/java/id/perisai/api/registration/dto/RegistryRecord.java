package id.perisai.api.registration.dto;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: one participant of a registry import, as the OpenAPI document describes it. The import is read
 * as a stream and validated by {@code RegistryRecordValidator}; this type is never deserialised.
 */
@Schema(name = "RegistryRecord", description = "A participant registered through another channel", requiredProperties = {
        "nik", "status", "registeredOn" }, additionalProperties = Schema.False.class)
public record RegistryRecord(
        @Schema(description = "NIK: 16 digits", example = "3175014101900007") String nik,
        @Schema(enumeration = {
                "ACTIVE", "LAPSED" }, example = "ACTIVE") String status,
        @Schema(description = "Day of the registration in the other channel", example = "2025-03-10") LocalDate registeredOn){

    /** Documentation only: the JSON body of an import. */
    @Schema(name = "RegistryImportRequest", description = "Participants to upsert by NIK", requiredProperties = "records", additionalProperties = Schema.False.class)
    public record Import(@Schema(minItems = 1, maxItems = 1000000) List<RegistryRecord> records) {
    }
}
