package id.perisai.api.registration.dto;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registration batch and its totals. */
@Schema(name = "RegistrationBatch", description = "A bulk registration and its progress")
public record BatchResponse(
        @Schema(example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") UUID batchId,
        @Schema(description = "RECEIVED (accepted, waiting), PROCESSING, COMPLETED (every record has its outcome) or FAILED", example = "COMPLETED", enumeration = {
                "RECEIVED", "PROCESSING", "COMPLETED", "FAILED" }) String status,
        @Schema(description = "A dry run validates and de-duplicates but stores no participant", example = "false") boolean dryRun,
        @Schema(example = "2026-11-21T03:15:00Z") Instant submittedAt,
        @Schema(example = "2026-11-21T03:15:04Z") Instant completedAt,
        Totals totals){

    /** Record counts. */
    @Schema(name = "RegistrationBatchTotals")
    public record Totals(
            @Schema(description = "Records in the submission", example = "1000") int received,
            @Schema(description = "Registered (new or reactivated)", example = "950") int accepted,
            @Schema(description = "Already registered, or repeated in the batch", example = "30") int duplicate,
            @Schema(description = "Failed validation", example = "20") int rejected) {
    }
}
