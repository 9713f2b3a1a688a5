package id.perisai.api.batch.spi;

import java.time.Instant;
import java.util.UUID;

/** A batch that has just become COMPLETED or FAILED, with its final totals. */
public record FinishedBatch(UUID id, BatchKind kind, long partnerId, String parent, BatchStatus status, boolean dryRun,
        Instant submittedAt, Instant completedAt, int received, int accepted, int duplicate, int rejected) {
}
