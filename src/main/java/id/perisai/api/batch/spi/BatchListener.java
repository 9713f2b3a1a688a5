package id.perisai.api.batch.spi;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Told about every batch that finishes (COMPLETED or FAILED), of any kind, <b>in the very transaction that finishes
 * it</b>: what a listener writes commits or rolls back with the batch's new state (e.g. an event in a transactional
 * outbox: never lost after the commit, never written for a change that rolled back). It must be quick and must not
 * fail for reasons of its own. Capabilities contribute listeners as beans.
 * <p>
 * For work after the commit (which may be lost in a crash), observe the CDI event {@link FinishedBatch} instead
 * ({@code @ObservesAsync}): the engine fires it once the finishing transaction has committed.
 */
public interface BatchListener {

    Uni<Void> finished(SqlClient transaction, FinishedBatch batch);
}
