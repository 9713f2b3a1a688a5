package id.perisai.api.common.batch;

import java.time.Duration;
import java.util.Map;

import id.perisai.api.common.batch.BatchRepository.Claimed;

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

    /** What one chunk produced, for the batch's totals and the metrics. */
    record ChunkOutcome(int records, int accepted, int duplicate, int rejected, Map<String, Integer> codes) {
        public static ChunkOutcome done() {
            return new ChunkOutcome(0, 0, 0, 0, Map.of());
        }
    }
}
