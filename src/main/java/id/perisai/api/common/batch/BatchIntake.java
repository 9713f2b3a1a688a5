package id.perisai.api.common.batch;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.batch.BatchRepository.BatchRow;
import id.perisai.api.common.config.PerisaiConfig;
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
import io.vertx.mutiny.sqlclient.Transaction;

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
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(BatchIntake.class);

    /** What the endpoint answers: the 202 of this request, or the stored one of a replayed request. */
    public record Accepted(UUID batchId, String body, String location, boolean replay) {
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
    private final int stagingChunkSize;

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
        this.stagingChunkSize = config.batch().stagingChunkSize();
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
        BatchKind kind = type.kind();
        long partnerId = caller.requirePartnerId();
        UUID batchId = UUID.randomUUID();
        Instant submittedAt = time.now();
        LocalDate today = submittedAt.atZone(TimeSource.WIB).toLocalDate();
        Stager stager = type.stager(caller, today);
        SqlConnection connection = batches.connection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            batches.insert(connection, batchId, kind, partnerId, dryRun, format.mediaType(), submittedAt, caller.subject(),
                    caller.tokenId()).await().indefinitely();
            RecordReader reader = format.reader(body, json, MAX_FIELDS);
            CompletableFuture<Long> inFlight = CompletableFuture.completedFuture(0L);
            int index = 0;
            int rejected = 0;
            long nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
            for (ObjectNode record; (record = next(reader)) != null;) {
                index++;
                quota.checkBatchSize(caller, index);
                List<FieldError> errors = stager.add(index, record, reader.textual());
                if (!errors.isEmpty()) {
                    metrics.errors(kind, errors);
                    rejected++;
                }
                if (stager.buffered() >= stagingChunkSize) {
                    // one chunk on the wire while the next is parsed
                    await(inFlight);
                    inFlight = stager.flush(connection, batchId).subscribeAsCompletionStage();
                    if (System.nanoTime() > nextHeartbeat) {
                        idempotency.heartbeat(partnerId, kind.operation(), key, owner).await().indefinitely();
                        nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
                    }
                }
            }
            await(inFlight);
            if (stager.buffered() > 0) {
                stager.flush(connection, batchId).await().indefinitely();
            }
            byte[] hash = finish(body);
            if (index == 0) {
                throw new InvalidInputException("records", "REQUIRED", "the batch has no records");
            }
            if (!dryRun) {
                // the conditional consume: within today's limit or 429, in this transaction (nothing stored if refused)
                quota.consume(connection, caller, kind.quota(), index).await().indefinitely();
            }
            BatchRow batch = batches.finishReceiving(connection, batchId, index, rejected, index - rejected).await()
                    .indefinitely();
            String location = locationBase + "/" + batchId;
            String response = write(BatchResponse.of(batch));
            audit.record(connection, AuditEntry.Actor.of(caller), AuditEntry.of(kind.auditAction(), caller.partnerCode(),
                    "batch", batchId.toString()).with(
                            Map.of("received", index, "rejected", rejected, "dryRun", dryRun,
                                    "format", format.name())))
                    .await().indefinitely();
            idempotency.complete(connection, partnerId, kind.operation(), key, owner, hash, 202, response, location)
                    .await().indefinitely();
            tx.commit().await().indefinitely();
            metrics.batch(kind, "RECEIVED");
            metrics.records(kind, "REJECTED", dryRun, rejected);
            if ("COMPLETED".equals(batch.status())) {
                metrics.batch(kind, "COMPLETED");
            } else {
                worker.wake();
            }
            return new Accepted(batchId, response, location, false);
        } finally {
            // closing without commit rolls the transaction back: nothing of a refused batch remains
            connection.close().await().indefinitely();
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

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while staging", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
