package id.perisai.api.common.batch;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.batch.BatchProcessor.ChunkOutcome;
import id.perisai.api.common.batch.BatchRepository.BatchRow;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.db.Db;
import id.perisai.api.common.idempotency.IdempotencyKeys;
import id.perisai.api.common.idempotency.IdempotencyStore;
import id.perisai.api.common.idempotency.IdempotencyStore.Claim;
import id.perisai.api.common.idempotency.IdempotencyStore.Completed;
import id.perisai.api.common.idempotency.IdempotencyStore.InFlight;
import id.perisai.api.common.idempotency.IdempotencyStore.Owned;
import id.perisai.api.common.ingest.BodyStream;
import id.perisai.api.common.ingest.MalformedBodyException;
import id.perisai.api.common.ingest.RecordFormat;
import id.perisai.api.common.ingest.RecordReader;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.quota.service.QuotaService;
import id.perisai.api.security.Caller;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Accepts a batch of any kind. Runs on a worker thread while the body streams in: records are parsed one at a time,
 * validated by the kind's {@link Stager} (collecting every error) and staged in chunks, all in one transaction with the
 * batch row, the quota consumption, its audit record and the Idempotency-Key response. The 202 is sent only after
 * that commit: the batch is then durable and any replica's worker processes it. A body that turns out malformed
 * halfway, or a refusal (413, 429), leaves nothing behind.
 */
@ApplicationScoped
public class BatchIntake {

    static final int MAX_FIELDS = 64;
    /** Records validated together on a preparing thread, and how many such slices may wait to be added. */
    static final int SLICE = 256;
    static final int MAX_SLICES_IN_FLIGHT = 8;
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(BatchIntake.class);

    /** What the endpoint answers: the 202 of this request, or the stored one of a replayed request. */
    public record Accepted(UUID batchId, String body, String location, boolean replay) {

        /** Header on the answer to a replayed request: the first response again, nothing done this time. */
        public static final String REPLAYED = "Idempotent-Replayed";

        /** The 202 with the batch and its Location; a replay says so. */
        public jakarta.ws.rs.core.Response response() {
            var response = jakarta.ws.rs.core.Response.accepted(body).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
                    .header(jakarta.ws.rs.core.HttpHeaders.LOCATION, location);
            return (replay ? response.header(REPLAYED, "true") : response).build();
        }
    }

    private final BatchRepository batches;
    private final IdempotencyStore idempotency;
    private final AuditLog audit;
    private final TimeSource time;
    private final ObjectMapper json;
    private final BatchMetrics metrics;
    private final BatchWorker worker;
    private final QuotaService quota;
    private final long maxBody;
    /** Batches with at most this many records to process are processed within the accepting transaction. */
    private final int withinRecords;
    /** Validation and encryption run here, one thread per core, for every batch being received. */
    private final ExecutorService preparers;

    public BatchIntake(BatchRepository batches, IdempotencyStore idempotency, AuditLog audit, TimeSource time,
            ObjectMapper json, BatchMetrics metrics, BatchWorker worker, QuotaService quota, PerisaiConfig config) {
        this.batches = batches;
        this.idempotency = idempotency;
        this.audit = audit;
        this.time = time;
        this.json = json;
        this.metrics = metrics;
        this.worker = worker;
        this.quota = quota;
        this.maxBody = config.http().maxBodySize().asLongValue();
        this.withinRecords = Math.min(config.batch().inlineRecords(), config.batch().chunkSize());
        AtomicInteger threads = new AtomicInteger();
        this.preparers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "batch-prepare-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Blocking: call on a worker thread. {@code locationBase} is the collection's absolute URL. */
    public Accepted accept(BatchType type, Caller caller, String idempotencyKey, RecordFormat format, boolean dryRun,
            InputStream raw, String locationBase) {
        BatchKind kind = type.kind();
        String key = IdempotencyKeys.require(idempotencyKey);
        long partnerId = caller.requirePartnerId();
        BodyStream body = new BodyStream(raw, maxBody).seed(kind.operation() + "|" + format + "|dryRun=" + dryRun);
        Claim claim = idempotency.claim(partnerId, kind.operation(), key).await().indefinitely();
        if (claim instanceof InFlight) {
            throw IdempotencyKeys.inFlight();
        }
        if (claim instanceof Completed done) {
            if (!MessageDigest.isEqual(finish(body), done.requestHash())) {
                throw IdempotencyKeys.reused();
            }
            return new Accepted(null, done.body(), done.location(), true);
        }
        UUID owner = ((Owned) claim).owner();
        try {
            if (!dryRun) {
                quota.requireRemaining(caller, kind.quota());
            }
            return receive(type, caller, key, owner, format, dryRun, body, locationBase);
        } catch (RuntimeException | Error e) {
            try {
                idempotency.release(partnerId, kind.operation(), key, owner).await().indefinitely();
            } catch (RuntimeException releaseFailure) {
                LOG.warnf("could not release an Idempotency-Key claim (it expires by itself): %s",
                        releaseFailure.getClass().getName());
            }
            throw e;
        }
    }

    private Accepted receive(BatchType type, Caller caller, String key, UUID owner, RecordFormat format, boolean dryRun,
            BodyStream body, String locationBase) {
        Instant submittedAt = time.now();
        LocalDate today = submittedAt.atZone(TimeSource.WIB).toLocalDate();
        return receive(type.kind(), type.stager(caller, today), caller, key, owner, format, dryRun, body, locationBase,
                submittedAt);
    }

    private <P> Accepted receive(BatchKind kind, Stager<P> stager, Caller caller, String key, UUID owner,
            RecordFormat format, boolean dryRun, BodyStream body, String locationBase, Instant submittedAt) {
        long partnerId = caller.requirePartnerId();
        UUID batchId = UUID.randomUUID();
        SqlConnection connection = batches.connection().await().indefinitely();
        boolean open = false;
        Deque<Future<List<P>>> preparing = new ArrayDeque<>();
        try {
            // a plain BEGIN rather than the client's Transaction, which rolls everything back at the first failed
            // statement: a small batch's processing may fail on a deadlock and is then undone to a savepoint alone
            connection.query("begin").execute().await().indefinitely();
            open = true;
            batches.insert(connection, batchId, kind, partnerId, dryRun, format.mediaType(), submittedAt, caller.subject(),
                    caller.tokenId()).await().indefinitely();
            RecordReader reader = format.reader(body, json, MAX_FIELDS);
            Receiving<P> receiving = new Receiving<>(stager, connection, batchId);
            List<ObjectNode> slice = new ArrayList<>(SLICE);
            int index = 0;
            long nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
            for (ObjectNode record; (record = next(reader)) != null;) {
                index++;
                quota.checkBatchSize(caller, index);
                slice.add(record);
                if (slice.size() == SLICE) {
                    // records are validated and encrypted on other threads while the next ones are parsed; they are
                    // added to the chunk in submission order
                    preparing.add(prepare(stager, slice, index - SLICE + 1, reader.textual()));
                    slice = new ArrayList<>(SLICE);
                    while (preparing.size() > MAX_SLICES_IN_FLIGHT) {
                        receiving.add(await(preparing.poll()), kind);
                    }
                    if (System.nanoTime() > nextHeartbeat) {
                        idempotency.heartbeat(partnerId, kind.operation(), key, owner).await().indefinitely();
                        nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
                    }
                }
            }
            if (!slice.isEmpty()) {
                preparing.add(prepare(stager, slice, index - slice.size() + 1, reader.textual()));
            }
            while (!preparing.isEmpty()) {
                receiving.add(await(preparing.poll()), kind);
            }
            receiving.finish();
            int rejected = receiving.rejected;
            byte[] hash = finish(body);
            if (index == 0) {
                throw new InvalidInputException("records", "REQUIRED", "the batch has no records");
            }
            int duplicates = stager.duplicates();
            int staged = index - rejected - duplicates;
            // a small batch is processed here and now: one transaction instead of the workers' several
            ChunkOutcome within = staged > 0 && staged <= withinRecords
                    ? processWithin(connection, kind, batchId, partnerId, dryRun, submittedAt)
                    : null;
            if (within != null && within.records() != staged) {
                throw new IllegalStateException("processed " + within.records() + " of " + staged + " staged records");
            }
            BatchRow batch = within == null
                    ? batches.finishReceiving(connection, batchId, index, rejected, duplicates, staged).await()
                            .indefinitely()
                    : batches.completeWithin(connection, batchId, index, within.accepted(),
                            duplicates + within.duplicate(), rejected + within.rejected(), staged,
                            worker.owner() + "/request").await().indefinitely();
            String location = locationBase + "/" + batchId;
            String response = write(BatchResponse.of(batch));
            audit.record(connection, AuditEntry.Actor.of(caller), AuditEntry.of(kind.auditAction(), caller.partnerCode(),
                    "batch", batchId.toString()).with(
                            Map.of("received", index, "rejected", rejected, "duplicate", duplicates, "dryRun", dryRun,
                                    "format", format.name())))
                    .await().indefinitely();
            idempotency.complete(connection, partnerId, kind.operation(), key, owner, hash, 202, response, location)
                    .await().indefinitely();
            if (!dryRun) {
                // the conditional consume: within today's limit or 429, in this transaction (nothing stored if
                // refused). Last before the commit: the partner's usage row stays locked only for the commit itself,
                // not while the batch is written, so a partner's concurrent batches do not queue behind each other.
                quota.consume(connection, caller, kind.quota(), index).await().indefinitely();
            }
            connection.query("commit").execute().await().indefinitely();
            open = false;
            metrics.batch(kind, "RECEIVED");
            metrics.records(kind, "REJECTED", dryRun, rejected);
            if (duplicates > 0) {
                metrics.records(kind, "DUPLICATE", dryRun, duplicates);
                metrics.error(kind, "DUPLICATE_IN_BATCH", duplicates);
            }
            if (within != null) {
                metrics.processed(kind, dryRun, within);
            }
            if ("COMPLETED".equals(batch.status())) {
                metrics.batch(kind, "COMPLETED");
            } else {
                worker.wake();
            }
            return new Accepted(batchId, response, location, false);
        } finally {
            preparing.forEach(f -> f.cancel(true));
            // nothing of a refused batch remains
            if (open) {
                try {
                    connection.query("rollback").execute().await().indefinitely();
                } catch (RuntimeException brokenConnection) {
                    // a broken connection is discarded by the pool, and PostgreSQL ends its transaction
                }
            }
            connection.close().await().indefinitely();
        }
    }

    /**
     * Processes a small batch in the accepting transaction, behind a savepoint: if PostgreSQL breaks a deadlock with a
     * concurrent batch over the same NIKs by aborting this one's statement, the processing is undone and the batch is
     * left to the workers (null) — the batch itself is still accepted.
     */
    private ChunkOutcome processWithin(SqlConnection connection, BatchKind kind, UUID batchId, long partnerId,
            boolean dryRun, Instant submittedAt) {
        connection.query("savepoint process_within").execute().await().indefinitely();
        try {
            ChunkOutcome outcome = worker.processor(kind).processWithin(connection, batchId, partnerId, dryRun,
                    submittedAt).await().indefinitely();
            connection.query("release savepoint process_within").execute().await().indefinitely();
            return outcome;
        } catch (RuntimeException e) {
            if (!Db.isConflict(e)) {
                throw e;
            }
            connection.query("rollback to savepoint process_within").execute().await().indefinitely();
            LOG.debugf("%s %s conflicted with a concurrent batch; left to the workers", kind.label(), batchId);
            return null;
        }
    }

    /** Prepares a slice of records (numbered from {@code firstIndex}) on the preparing threads. */
    private <P> Future<List<P>> prepare(Stager<P> stager, List<ObjectNode> slice, int firstIndex, boolean textual) {
        return preparers.submit(() -> {
            List<P> prepared = new ArrayList<>(slice.size());
            for (int i = 0; i < slice.size(); i++) {
                prepared.add(stager.prepare(firstIndex + i, slice.get(i), textual));
            }
            return prepared;
        });
    }

    /** The sequential half of receiving: prepared records added in order, chunks written one ahead of the parser. */
    private final class Receiving<P> {
        final Stager<P> stager;
        final SqlConnection connection;
        final UUID batchId;
        CompletableFuture<Long> inFlight = CompletableFuture.completedFuture(0L);
        int rejected;

        Receiving(Stager<P> stager, SqlConnection connection, UUID batchId) {
            this.stager = stager;
            this.connection = connection;
            this.batchId = batchId;
        }

        void add(List<P> prepared, BatchKind kind) {
            for (P p : prepared) {
                List<FieldError> errors = stager.add(p);
                if (!errors.isEmpty()) {
                    metrics.errors(kind, errors);
                    rejected++;
                }
                if (stager.buffered() >= stager.flushAt()) {
                    // one chunk on the wire while the next is prepared
                    BatchIntake.await(inFlight);
                    inFlight = stager.flush(connection, batchId).subscribeAsCompletionStage();
                }
            }
        }

        void finish() {
            BatchIntake.await(inFlight);
            if (stager.buffered() > 0) {
                stager.flush(connection, batchId).await().indefinitely();
            }
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while receiving a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ObjectNode next(RecordReader reader) {
        try {
            return reader.next();
        } catch (IOException e) {
            throw unreadable();
        }
    }

    private static byte[] finish(BodyStream body) {
        try {
            return body.finish();
        } catch (IOException e) {
            throw unreadable();
        }
    }

    /** The upload broke off (client gone, connection reset): nothing is stored. */
    private static MalformedBodyException unreadable() {
        return new MalformedBodyException("The request body could not be read completely");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
