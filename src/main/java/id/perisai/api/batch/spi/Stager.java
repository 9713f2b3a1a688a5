package id.perisai.api.batch.spi;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.problem.FieldError;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The kind-specific part of receiving a batch, in two steps: {@link #prepare} validates a record and does its
 * per-record work (encryption, blind index) — on several threads at once, so it must only read the stager's state —
 * and {@link #add}, called in submission order on one thread, buffers it: staged for processing when valid, as a
 * REJECTED outcome with every error when not. The buffer is written with one statement per chunk.
 *
 * @param <P> a prepared record
 */
public interface Stager<P> {

    /** Validates one record and prepares it for {@link #add}; thread-safe. */
    P prepare(int index, ObjectNode record, boolean textual);

    /** Buffers a prepared record, in submission order; returns its errors (empty when it was staged or settled). */
    List<FieldError> add(P prepared);

    /** Records buffered since the last {@link #take}. */
    int buffered();

    /** How many buffered records make a chunk worth writing. */
    int flushAt();

    /**
     * Records the stager itself decided were duplicates of an earlier record of the batch (their DUPLICATE outcome is
     * written with the chunk); they are neither rejected nor staged for processing.
     */
    default int duplicates() {
        return 0;
    }

    /**
     * Takes the buffer (a new one starts at once, so the next records can be read meanwhile) as the write of one chunk:
     * one statement, run later in a transaction the engine opens.
     */
    ChunkWrite take(UUID batchId);

    /** The write of one taken chunk. */
    @FunctionalInterface
    interface ChunkWrite {
        /** Writes the chunk's staged records and settled outcomes; returns how many records it wrote. */
        Uni<Long> write(SqlClient transaction);
    }
}
