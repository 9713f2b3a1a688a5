package id.perisai.api.common.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import id.perisai.api.common.batch.BatchRepository.Claimed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The kind-specific part of processing: decides and writes the outcomes of the next chunk of a claimed batch. */
public interface BatchProcessor {

    BatchKind kind();

    /**
     * Processes the next chunk in one or more transactions, each of which first checks the lease (a replica that lost
     * it changes nothing). Blocking.
     *
     * @return null when the lease was lost; an outcome of 0 records when every record has its outcome
     */
    ChunkOutcome processNext(Claimed batch, String owner, int chunkSize, Duration lease);

    /**
     * Gives up a batch after too many attempts: the records still without an outcome are REJECTED with
     * {@code PROCESSING_FAILED} and the batch is FAILED. False when the lease was lost.
     */
    boolean fail(Claimed batch, String owner, String reason);

    /**
     * Processes every staged record of a small batch within the transaction that accepts it (one chunk at most), so
     * the 202 already carries the outcome and no worker has to claim the batch. Null when this kind is always left to
     * the workers.
     */
    default Uni<ChunkOutcome> processWithin(SqlClient tx, UUID batchId, long partnerId, boolean dryRun,
            Instant submittedAt) {
        return Uni.createFrom().nullItem();
    }

    /** What one chunk produced, for the batch's totals and the metrics. */
    record ChunkOutcome(int records, int accepted, int duplicate, int rejected, Map<String, Integer> codes) {
        /** Every record has its outcome. */
        public static ChunkOutcome done() {
            return new ChunkOutcome(0, 0, 0, 0, Map.of());
        }

        /** Nothing to take now, but records are still being processed elsewhere: try again shortly. */
        public static ChunkOutcome waiting() {
            return new ChunkOutcome(-1, 0, 0, 0, Map.of());
        }
    }
}
