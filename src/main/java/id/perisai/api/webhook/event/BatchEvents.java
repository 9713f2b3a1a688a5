package id.perisai.api.webhook.event;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import id.perisai.api.batch.rest.BatchResponse;
import id.perisai.api.batch.spi.BatchListener;
import id.perisai.api.batch.spi.BatchStatus;
import id.perisai.api.batch.spi.FinishedBatch;
import id.perisai.api.webhook.delivery.WebhookDispatcher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * {@code batch.completed} and {@code batch.failed} for every kind of batch, from the engine: written in the very
 * transaction that finishes the batch ({@link BatchListener}); once it has committed the local delivery workers are
 * woken, so the first attempt does not wait for the next poll.
 */
@ApplicationScoped
public class BatchEvents implements BatchListener {

    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;

    public BatchEvents(WebhookOutbox outbox, WebhookDispatcher dispatcher) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
    }

    /** The {@code data} of a batch event: the batch resource with its kind (documented by WebhooksDocumentFilter). */
    public record Data(UUID batchId,
            String kind,
            String parent,
            String status,
            boolean dryRun,
            Instant submittedAt,
            Instant completedAt,
            BatchResponse.Totals totals) {
    }

    @Override
    public Uni<Void> finished(SqlClient transaction, FinishedBatch batch) {
        WebhookEventType type = batch.status() == BatchStatus.FAILED ? WebhookEventType.BATCH_FAILED
                : WebhookEventType.BATCH_COMPLETED;
        return outbox.emit(transaction, batch.partnerId(), type, data(batch)).replaceWithVoid();
    }

    void committed(@ObservesAsync FinishedBatch batch) {
        dispatcher.wake();
    }

    static Data data(FinishedBatch b) {
        return new Data(b.id(), b.kind().name(), b.parent(), b.status().name(), b.dryRun(), b.submittedAt(),
                b.completedAt(), new BatchResponse.Totals(b.received(), b.accepted(), b.duplicate(), b.rejected()));
    }
}
