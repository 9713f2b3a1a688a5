package id.perisai.api.common.batch;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.problem.FieldError;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The kind-specific part of receiving a batch: validates each record and buffers it, staged for processing when valid,
 * as a REJECTED outcome with every error when not; writes the buffer with one statement per chunk.
 */
public interface Stager {

    /** Validates one record; returns its errors (empty when it was staged for processing). */
    List<FieldError> add(int index, ObjectNode record, boolean textual);

    /** Records buffered since the last flush. */
    int buffered();

    /** Writes the buffer in one statement and starts a new one (so the next records can be read meanwhile). */
    Uni<Long> flush(SqlClient transaction, UUID batchId);
}
