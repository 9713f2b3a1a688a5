package id.perisai.api.batch;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import id.perisai.api.batch.spi.BatchListener;
import id.perisai.api.batch.spi.FinishedBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Test build only: a listener that writes every finished batch into {@code test_batch_event} in the finishing
 * transaction, and remembers the after-commit events it observes.
 */
@ApplicationScoped
public class RecordingBatchListener implements BatchListener {

    public static final Set<UUID> COMMITTED = ConcurrentHashMap.newKeySet();

    @Override
    public Uni<Void> finished(SqlClient transaction, FinishedBatch batch) {
        return transaction.preparedQuery("""
                insert into test_batch_event (batch_id, kind, status, received) values ($1, $2, $3, $4)
                """).execute(Tuple.of(batch.id(), batch.kind().name(), batch.status().name(), batch.received()))
                .replaceWithVoid();
    }

    void committed(@ObservesAsync FinishedBatch batch) {
        COMMITTED.add(batch.id());
    }
}
