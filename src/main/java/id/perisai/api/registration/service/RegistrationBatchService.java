package id.perisai.api.registration.service;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.agent.repository.AgentRepository;
import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditLog;
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
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.quota.service.QuotaService;
import id.perisai.api.quota.service.QuotaState;
import id.perisai.api.registration.dto.BatchResponse;
import id.perisai.api.registration.ingest.StagingChunk;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.repository.RegistrationBatchRepository.BatchRow;
import id.perisai.api.registration.rules.RegistrationRecordValidator;
import id.perisai.api.registration.rules.RegistrationRecordValidator.AgentRef;
import id.perisai.api.registration.rules.RegistrationRecordValidator.Result;
import id.perisai.api.registration.rules.RegistrationRecordValidator.ValidRegistration;
import id.perisai.api.registration.rules.RegistrationRules;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Accepts a registration batch. Runs on a worker thread while the body streams in: records are parsed one at a time,
 * validated (collecting every error), their NIKs encrypted and indexed, and staged in chunks, all in one transaction
 * with the batch row, its audit record and the Idempotency-Key response. The 202 is sent only after that commit: the
 * batch is then durable and any replica's worker will process it. A body that turns out malformed halfway leaves
 * nothing behind.
 */
@ApplicationScoped
public class RegistrationBatchService {

    public static final String OPERATION = "registration-batch";
    static final int MAX_FIELDS = 64;
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(RegistrationBatchService.class);

    /** What the endpoint answers: the 202 of this request, or the stored one of a replayed request. */
    public record Accepted(UUID batchId, String body, String location, boolean replay) {
    }

    private final RegistrationBatchRepository batches;
    private final AgentRepository agents;
    private final IdempotencyStore idempotency;
    private final PiiCrypto crypto;
    private final AuditLog audit;
    private final TimeSource time;
    private final ObjectMapper json;
    private final RegistrationMetrics metrics;
    private final RegistrationBatchWorker worker;
    private final QuotaService quota;
    private final RegistrationRecordValidator validator;
    private final long maxBody;
    private final int stagingChunkSize;

    public RegistrationBatchService(RegistrationBatchRepository batches, AgentRepository agents,
            IdempotencyStore idempotency, PiiCrypto crypto, AuditLog audit, TimeSource time, ObjectMapper json,
            RegistrationMetrics metrics, RegistrationBatchWorker worker, QuotaService quota, PerisaiConfig config) {
        this.batches = batches;
        this.agents = agents;
        this.idempotency = idempotency;
        this.crypto = crypto;
        this.audit = audit;
        this.time = time;
        this.json = json;
        this.metrics = metrics;
        this.worker = worker;
        this.quota = quota;
        var r = config.registration();
        this.validator = new RegistrationRecordValidator(
                new RegistrationRules(r.minAge(), r.maxAgeExclusive(), r.minMonthlyIncome(), r.maxMonthlyIncome()));
        this.maxBody = config.http().maxBodySize().asLongValue();
        this.stagingChunkSize = config.batch().stagingChunkSize();
    }

    /** Blocking: call on a worker thread. */
    public Accepted accept(Caller caller, String idempotencyKey, RecordFormat format, boolean dryRun, InputStream raw,
            String location) {
        String key = IdempotencyKeys.require(idempotencyKey);
        long partnerId = caller.requirePartnerId();
        BodyStream body = new BodyStream(raw, maxBody).seed(OPERATION + "|" + format + "|dryRun=" + dryRun);
        Claim claim = idempotency.claim(partnerId, OPERATION, key).await().indefinitely();
        if (claim instanceof InFlight) {
            throw IdempotencyKeys.inFlight();
        }
        if (claim instanceof Completed done) {
            byte[] hash = finish(body);
            if (!MessageDigest.isEqual(hash, done.requestHash())) {
                throw IdempotencyKeys.reused();
            }
            return new Accepted(null, done.body(), done.location(), true);
        }
        UUID owner = ((Owned) claim).owner();
        try {
            if (!dryRun) {
                quota.requireRemaining(caller, QuotaState.REGISTRATIONS);
            }
            return receive(caller, key, owner, format, dryRun, body, location);
        } catch (RuntimeException | Error e) {
            try {
                idempotency.release(partnerId, OPERATION, key, owner).await().indefinitely();
            } catch (RuntimeException releaseFailure) {
                LOG.warnf("could not release an Idempotency-Key claim (it expires by itself): %s",
                        releaseFailure.getClass().getName());
            }
            throw e;
        }
    }

    private Accepted receive(Caller caller, String key, UUID owner, RecordFormat format, boolean dryRun, BodyStream body,
            String locationBase) {
        long partnerId = caller.requirePartnerId();
        UUID batchId = UUID.randomUUID();
        Instant submittedAt = time.now();
        LocalDate today = submittedAt.atZone(TimeSource.WIB).toLocalDate();
        Map<String, AgentRef> agentsByCode = new HashMap<>();
        agents.keysOfPartner(partnerId).await().indefinitely()
                .forEach(a -> agentsByCode.put(a.agentCode(), new AgentRef(a.id(), a.status())));

        SqlConnection connection = batches.connection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            batches.insertBatch(connection, batchId, partnerId, dryRun, format.mediaType(), submittedAt, caller.subject(),
                    caller.tokenId()).await().indefinitely();
            RecordReader reader = format.reader(body, json, MAX_FIELDS);
            StagingChunk chunk = new StagingChunk();
            CompletableFuture<Long> inFlight = CompletableFuture.completedFuture(0L);
            int index = 0;
            int rejected = 0;
            int staged = 0;
            long nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
            for (ObjectNode record; (record = next(reader)) != null;) {
                index++;
                quota.checkBatchSize(caller, index);
                Result result = validator.validate(record, reader.textual(), today, agentsByCode::get);
                if (result.isValid()) {
                    stage(chunk, index, result.valid());
                    staged++;
                } else {
                    chunk.addRejected(index, result.externalRef(), errorsJson(result));
                    metrics.errors(result.errors());
                    rejected++;
                }
                if (chunk.size() >= stagingChunkSize) {
                    // one chunk on the wire while the next is parsed
                    await(inFlight);
                    inFlight = batches.stage(connection, batchId, chunk).subscribeAsCompletionStage();
                    chunk = new StagingChunk();
                    if (System.nanoTime() > nextHeartbeat) {
                        idempotency.heartbeat(partnerId, OPERATION, key, owner).await().indefinitely();
                        nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
                    }
                }
            }
            await(inFlight);
            if (chunk.size() > 0) {
                batches.stage(connection, batchId, chunk).await().indefinitely();
            }
            byte[] hash = finish(body);
            if (index == 0) {
                throw new InvalidInputException("records", "REQUIRED", "the batch has no records");
            }
            if (!dryRun) {
                // the conditional consume: within today's limit or 429, in this transaction (nothing stored if refused)
                quota.consume(connection, caller, QuotaState.REGISTRATIONS, index).await().indefinitely();
            }
            BatchRow batch = batches.finishReceiving(connection, batchId, index, rejected, staged).await().indefinitely();
            String location = locationBase + "/" + batchId;
            String response = write(toResponse(batch));
            audit.record(connection, AuditEntry.Actor.of(caller),
                    AuditEntry.of("REGISTRATION_BATCH_ACCEPTED", caller.partnerCode(), "registration_batch",
                            batchId.toString()).with(
                                    Map.of("received", index, "rejected", rejected, "dryRun", dryRun,
                                            "format", format.name())))
                    .await().indefinitely();
            idempotency.complete(connection, partnerId, OPERATION, key, owner, hash, 202, response, location)
                    .await().indefinitely();
            tx.commit().await().indefinitely();
            metrics.batch("RECEIVED");
            metrics.records("REJECTED", dryRun, rejected);
            if ("COMPLETED".equals(batch.status())) {
                metrics.batch("COMPLETED");
            } else {
                worker.wake();
            }
            return new Accepted(batchId, response, location, false);
        } finally {
            // closing without commit rolls the transaction back: nothing of a refused batch remains
            connection.close().await().indefinitely();
        }
    }

    private void stage(StagingChunk chunk, int index, ValidRegistration v) {
        String nik = v.nik().digits();
        chunk.addValid(index, crypto.blindIndex(nik), crypto.encrypt(nik), v.nik().masked(), v.fullName(), v.birthDate(),
                v.gender(), v.phone(), v.email(), v.occupation().name(), v.monthlyIncome(), v.jht(), v.agentId(),
                v.externalRef(), v.address(), v.regionCode());
    }

    private String errorsJson(Result result) {
        return write(result.errors());
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

    public static BatchResponse toResponse(BatchRow b) {
        return new BatchResponse(b.id(), b.status(), b.dryRun(), b.submittedAt(), b.completedAt(),
                new BatchResponse.Totals(b.received(), b.accepted(), b.duplicate(), b.rejected()));
    }
}
