package id.perisai.api.partner.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partner's quotas. */
@Schema(name = "Quota", description = "Quotas of a partner; records are counted per WIB day")
public record QuotaDto(
        @Schema(description = "Registration records accepted per WIB day", example = "5000") @NotNull @Min(0) @Max(100_000_000) Integer registrationsPerDay,
        @Schema(description = "Contribution records accepted per WIB day", example = "20000") @NotNull @Min(0) @Max(100_000_000) Integer contributionsPerDay,
        @Schema(description = "Largest batch, in records", example = "100000") @NotNull @Min(1) @Max(1_000_000) Integer maxBatchRecords,
        @Schema(description = "API calls per minute", example = "600") @NotNull @Min(1) @Max(1_000_000) Integer requestsPerMinute) {
}
