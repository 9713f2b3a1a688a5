package id.perisai.api.registration.dto;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.participant.dto.Program;
import id.perisai.api.participant.rules.Occupation;

/**
 * Documentation only: one record of a registration batch (rules.md §2), as the OpenAPI document describes it. The
 * batch is read as a stream by {@code common/ingest} and validated by {@code RegistrationRecordValidator}, which
 * collects every error of a record instead of refusing the batch; this type is never deserialised.
 */
@Schema(name = "RegistrationRecord", description = "A worker to register (rules.md §2). An invalid record is REJECTED with every reason;"
        + " it does not make the batch fail. Unknown fields are refused (UNKNOWN_FIELD).", requiredProperties = {
                "nik", "fullName", "birthDate", "gender", "phone", "occupation", "monthlyIncome",
                "programs" }, additionalProperties = Schema.False.class)
public record RegistrationRecord(
        @Schema(description = "The partner's own reference, echoed in the results (at most 64 characters)", maxLength = 64, example = "row-1") String externalRef,
        @Schema(description = "NIK: 16 digits (spaces, '.' and '-' are ignored); province, birth date (+40 for women) and serial are checked", example = "3201014101900001") String nik,
        @Schema(description = "2–100 letters (any script), spaces, '.', ''' and '-'", minLength = 2, maxLength = 100, example = "Siti Aminah") String fullName,
        @Schema(description = "Age on the submission day (WIB) at least 15 and under 65", example = "1990-01-01") LocalDate birthDate,
        @Schema(enumeration = {
                "M", "F" }, example = "F") String gender,
        @Schema(description = "Indonesian mobile number: 08…, 628… or +628…", example = "081234567890") String phone,
        @Schema(description = "Optional e-mail address", format = "email", example = "siti.aminah@example.co.id") String email,
        @Schema(description = "Occupation code (rules.md §3)", example = "PEDAGANG") Occupation occupation,
        @Schema(description = "Declared monthly income, whole rupiah", minimum = "1000000", maximum = "100000000", example = "2500000") long monthlyIncome,
        @Schema(description = "Programs: JKK and JKM are required, JHT optional", minItems = 2, maxItems = 3, uniqueItems = true, example = "[\"JKK\", \"JKM\", \"JHT\"]") List<Program> programs,
        @Schema(description = "Optional: an ACTIVE agent of the submitting partner", example = "AGDEMO000001") String agentCode,
        @Schema(description = "Optional, at most 200 characters", maxLength = 200, example = "Jl. Mawar 5, RT 01") String address,
        @Schema(description = "Optional region code: 2–13 digits and dots", pattern = "^[0-9.]{2,13}$", example = "32.01.01") String regionCode){

    /** Documentation only: the JSON body of a registration batch. */
    @Schema(name = "RegistrationBatchRequest", description = "A registration batch as JSON: up to the partner's maxBatchRecords records", requiredProperties = "records", additionalProperties = Schema.False.class)
    public record Batch(@Schema(minItems = 1, maxItems = 1000000) List<RegistrationRecord> records) {
    }
}
