package id.perisai.api.batch.progress;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import id.perisai.api.batch.queue.BatchRepository.BatchRow;
import id.perisai.api.batch.spi.BatchStatus;
import id.perisai.api.webhook.WebhookConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Live progress of batches (events.md, Server-Sent Events): however many listen to a batch on this replica, <b>one</b>
 * query per batch and {@code PERISAI_WEBHOOK_PROGRESS_INTERVAL} (500 ms) reads its state, and each change is handed to
 * every listener; the watch ends when the batch is finished or its last listener has gone. Listeners on other replicas
 * have their replica's own watch (one query per batch, interval and replica).
 */
@ApplicationScoped
public class BatchProgress {

    private static final Logger LOG = Logger.getLogger(BatchProgress.class);

    /** A batch's state as a progress event shows it. */
    public record Snapshot(BatchStatus status, int received, int accepted, int duplicate, int rejected) {

        public static Snapshot of(BatchRow b) {
            return new Snapshot(b.status(), b.received(), b.accepted(), b.duplicate(), b.rejected());
        }

        /** Records with their outcome so far. */
        public int processed() {
            return accepted + duplicate + rejected;
        }

        public boolean finished() {
            return status == BatchStatus.COMPLETED || status == BatchStatus.FAILED;
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final long intervalMillis;
    private final Map<UUID, Watch> watches = new ConcurrentHashMap<>();

    public BatchProgress(Vertx vertx, Pool pool, WebhookConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.intervalMillis = Math.max(50, config.progressInterval().toMillis());
    }

    /** Batches watched on this replica now (for tests and metrics). */
    public int watched() {
        return watches.size();
    }

    /**
     * The batch's snapshots: {@code first} at once, then each change, the last one finished; a batch already finished
     * answers only {@code first}.
     */
    public Multi<Snapshot> watch(UUID batchId, Snapshot first) {
        if (first.finished()) {
            return Multi.createFrom().item(first);
        }
        return Multi.createFrom().emitter(emitter -> {
            while (true) {
                Watch watch = watches.computeIfAbsent(batchId, Watch::new);
                if (watch.add(emitter, first)) {
                    emitter.onTermination(() -> watch.remove(emitter));
                    return;
                }
                // the watch was just closing: take a new one
            }
        });
    }

    private final class Watch {
        private final UUID batchId;
        private final Set<MultiEmitter<? super Snapshot>> listeners = new LinkedHashSet<>();
        private Snapshot last;
        private long timer = -1;
        private boolean closed;
        private boolean querying;

        Watch(UUID batchId) {
            this.batchId = batchId;
        }

        synchronized boolean add(MultiEmitter<? super Snapshot> emitter, Snapshot first) {
            if (closed) {
                return false;
            }
            listeners.add(emitter);
            Snapshot current = last == null || first.processed() > last.processed() ? first : last;
            emitter.emit(current);
            if (timer < 0) {
                last = current;
                timer = vertx.setPeriodic(intervalMillis, id -> poll());
            }
            return true;
        }

        synchronized void remove(MultiEmitter<? super Snapshot> emitter) {
            listeners.remove(emitter);
            if (listeners.isEmpty()) {
                close();
            }
        }

        private synchronized void close() {
            if (!closed) {
                closed = true;
                vertx.cancelTimer(timer);
                watches.remove(batchId, this);
            }
        }

        private void poll() {
            synchronized (this) {
                if (closed || querying) {
                    return;
                }
                querying = true;
            }
            pool.preparedQuery("select status, received, accepted, duplicate, rejected from batch where id = $1")
                    .execute(Tuple.of(batchId)).subscribe().with(rows -> {
                        Snapshot now = null;
                        for (Row r : rows) {
                            now = new Snapshot(BatchStatus.valueOf(r.getString("status")), r.getInteger("received"),
                                    r.getInteger("accepted"), r.getInteger("duplicate"), r.getInteger("rejected"));
                        }
                        publish(now);
                    }, failure -> {
                        synchronized (this) {
                            querying = false;
                        }
                        LOG.debugf("progress of a batch not read: %s", failure.getClass().getSimpleName());
                    });
        }

        private void publish(Snapshot now) {
            List<MultiEmitter<? super Snapshot>> targets;
            boolean finish;
            synchronized (this) {
                querying = false;
                if (closed || now == null || now.equals(last)) {
                    return;
                }
                last = now;
                targets = List.copyOf(listeners);
                finish = now.finished();
                if (finish) {
                    close();
                }
            }
            for (MultiEmitter<? super Snapshot> emitter : targets) {
                emitter.emit(now);
                if (finish) {
                    emitter.complete();
                }
            }
        }
    }
}
