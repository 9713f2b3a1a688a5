package id.perisai.api.webhook.event;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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

    /** The {@code data} of a batch event: the batch resource with its kind. */
    @Schema(name = "BatchEventData", requiredProperties = { "batchId", "kind", "status", "dryRun", "submittedAt",
            "totals" }, description = "The batch that finished, as GET on the batch answers it, with its kind")
    public record Data(@Schema(example = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90") UUID batchId,
            @Schema(description = "The kind of batch, e.g. REGISTRATION or CONTRIBUTION", example = "REGISTRATION") String kind,
            @Schema(description = "The parent resource of kinds submitted under one (e.g. a sponsorship)") String parent,
            @Schema(description = "COMPLETED or FAILED", example = "COMPLETED") String status,
            @Schema(example = "false") boolean dryRun,
            @Schema(example = "2026-11-21T03:15:00Z") Instant submittedAt,
            @Schema(example = "2026-11-21T03:15:04Z") Instant completedAt,
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
