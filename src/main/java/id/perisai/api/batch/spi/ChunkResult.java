package id.perisai.api.batch.spi;

import java.util.Map;

/** What one call of {@link BatchProcessor#processNext} did. */
public sealed interface ChunkResult {

    /** Records got their outcome: counts for the totals and the metrics (error codes by count). */
    record Processed(int records, int accepted, int duplicate, int rejected, Map<String, Integer> codes)
            implements
                ChunkResult {
        public Processed {
            codes = Map.copyOf(codes);
        }
    }

    /** Nothing to take now, but records are still being processed elsewhere (another lane or replica): try again. */
    record Waiting() implements ChunkResult {
    }

    /** Every record of the batch has its outcome: the batch can be completed. */
    record Done() implements ChunkResult {
    }

    /** This replica no longer holds the batch's lease: another one continues it, nothing was changed. */
    record LeaseLost() implements ChunkResult {
    }

    ChunkResult WAITING = new Waiting();
    ChunkResult DONE = new Done();
    ChunkResult LEASE_LOST = new LeaseLost();
}
