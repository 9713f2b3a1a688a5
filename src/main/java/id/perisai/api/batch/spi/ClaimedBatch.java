package id.perisai.api.batch.spi;

import java.time.Instant;
import java.util.UUID;

/** A batch a replica holds the lease of, as its processor sees it. */
public record ClaimedBatch(UUID id, BatchKind kind, long partnerId, String parent, boolean dryRun, Instant submittedAt,
        int attempts, int staged) {
}
