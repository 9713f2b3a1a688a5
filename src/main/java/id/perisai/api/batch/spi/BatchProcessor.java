package id.perisai.api.batch.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The kind-specific part of processing: decides and writes the outcomes of the next chunk of a claimed batch. */
public interface BatchProcessor {

    /**
     * Processes the next chunk in one or more transactions, each of which first checks the lease (a replica that lost
     * it changes nothing). Blocking.
     */
    ChunkResult processNext(ClaimedBatch batch, String owner, int chunkSize, Duration lease);

    /**
     * Gives up a batch after too many attempts: the records still without an outcome are REJECTED with
     * {@code PROCESSING_FAILED} and the batch is FAILED. False when the lease was lost.
     */
    boolean fail(ClaimedBatch batch, String owner, String reason);

    /**
     * Processes every staged record of a small batch within the transaction that accepts it, so the 202 already
     * carries the outcome and no worker has to claim the batch. {@code null} (the default) leaves the batch to the
     * workers.
     */
    default Uni<ChunkResult.Processed> processWithin(SqlClient tx, UUID batchId, long partnerId, boolean dryRun,
            Instant submittedAt) {
        return Uni.createFrom().nullItem();
    }
}
