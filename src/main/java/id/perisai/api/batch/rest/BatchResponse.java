package id.perisai.api.batch.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.spi.BatchStatus;

/** A batch (of any kind) and its totals. */
@Schema(name = "Batch", requiredProperties = { "batchId", "status", "dryRun", "submittedAt",
        "totals" }, description = "A batch of records and its progress")
public record BatchResponse(
        @Schema(example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") UUID batchId,
        @Schema(description = "RECEIVED (accepted, waiting), PROCESSING, COMPLETED (every record has its outcome) or FAILED", example = "COMPLETED", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, enumeration = {
                "RECEIVED", "PROCESSING", "COMPLETED", "FAILED" }) BatchStatus status,
        @Schema(description = "A dry run validates and de-duplicates but stores no participant", example = "false") boolean dryRun,
        @Schema(example = "2026-11-21T03:15:00Z") Instant submittedAt,
        @Schema(example = "2026-11-21T03:15:04Z") Instant completedAt,
        Totals totals){

    public static BatchResponse of(BatchRepository.BatchRow b) {
        return new BatchResponse(b.id(), b.status(), b.dryRun(), b.submittedAt(), b.completedAt(),
                new Totals(b.received(), b.accepted(), b.duplicate(), b.rejected()));
    }

    /** Record counts. */
    @Schema(name = "BatchTotals", requiredProperties = { "received", "accepted", "duplicate", "rejected" })
    public record Totals(
            @Schema(description = "Records in the submission", example = "1000") int received,
            @Schema(description = "Accepted: registered (new or reactivated), or payments applied", example = "950") int accepted,
            @Schema(description = "Already registered or paid, or repeated in the batch", example = "30") int duplicate,
            @Schema(description = "Refused, with every reason", example = "20") int rejected) {
    }
}
