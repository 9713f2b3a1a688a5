package id.perisai.api.sponsorship.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Documentation of a member record (records are read as JSON trees by the batch engine). */
@Schema(name = "MemberRecord", requiredProperties = { "nik", "action", "fromMonth" }, additionalProperties = Schema.False.class)
public record MemberRecord(
        @Schema(description = "The partner's reference, echoed in the results", maxLength = 64, example = "ppsu-1") String externalRef,
        @Schema(description = "NIK of a participant this partner manages", example = "3201014101900001") String nik,
        @Schema(enumeration = {
                "ADD", "REMOVE" }, example = "ADD") String action,
        @Schema(description = "ADD: the first sponsored month; REMOVE: the first month no longer sponsored", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2026-12") String fromMonth){

    /** A JSON member batch. */
    @Schema(name = "MemberBatch", requiredProperties = "records", additionalProperties = Schema.False.class)
    public record Batch(@Schema(minItems = 1, maxItems = 1000000) List<MemberRecord> records) {
    }
}
