package id.perisai.api.batch.intake;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
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

import id.perisai.api.batch.BatchMetrics;
import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.queue.BatchRepository.BatchRow;
import id.perisai.api.batch.rest.BatchResponse;
import id.perisai.api.batch.spi.BatchDefinition;
import id.perisai.api.batch.spi.BatchDefinition.Submission;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.BatchStatus;
import id.perisai.api.batch.spi.ChunkResult;
import id.perisai.api.batch.spi.FinishedBatch;
import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.batch.spi.Stager;
import id.perisai.api.batch.worker.BatchWorker;
import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditLog;
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
import id.perisai.api.common.ingest.upload.SpoolFile;
import id.perisai.api.common.ingest.upload.UploadReceiver;
import id.perisai.api.common.ingest.upload.UploadSlots;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.quota.service.QuotaService;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Accepts a batch of any kind, in two phases so that no upload ever holds the database while its body arrives:
 * <ol>
 * <li><b>Receive</b> (event loop, no connection, no transaction, no thread held): the per-partner upload slot, the
 * quota pre-check and the Idempotency-Key claim (one short statement each), then the body into an encrypted spool file
 * ({@link UploadReceiver}).</li>
 * <li><b>Accept</b> (a worker thread, once the whole body is on disk): records are parsed one at a time from the spool,
 * validated by the kind's {@link Stager} on one thread per core (every error collected) and staged a chunk at a time,
 * each chunk in a short transaction of its own while the batch row is STAGING (nobody else sees it); one last short
 * transaction makes it RECEIVED — or COMPLETED, when a small batch is processed within it — together with its audit
 * record, the Idempotency-Key response and the quota consumption.</li>
 * </ol>
 * The 202 is sent only after that last commit: the batch is then durable and any replica's worker processes it. A body
 * that turns out malformed (400), too large (413), of a wrong type (415), a stall (408), a refusal (409, 422, 429) or a
 * dropped connection leaves nothing behind: the staged rows of a refused batch are removed, and those of a replica
 * that died while staging are removed by any replica once its lease has expired ({@link StagingJanitor}). The
 * transactions of receiving use at most {@code PERISAI_BATCH_INTAKE_CONNECTIONS} connections of the pool at once.
 */
@ApplicationScoped
public class BatchIntake {

    static final int MAX_FIELDS = 64;
    /** Records validated together on a preparing thread, and how many such slices may wait to be added. */
    static final int SLICE = 256;
    static final int MAX_SLICES_IN_FLIGHT = 8;
    /**
     * Ticks (seconds) between renewals of the Idempotency-Key claim while a body arrives, and the time between them
     * while it is staged.
     */
    static final int HEARTBEAT_TICKS = 10;
    static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(HEARTBEAT_TICKS);
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

    /** One submission on its way through intake. */
    record Request(BatchDefinition<?, ?> definition, Caller caller, String parent, String key, String operation,
            RecordFormat format, boolean dryRun, String location) {
        BatchKind kind() {
            return definition.kind();
        }
    }

    /** The staging of the submission was given up (the receiving replica's lease on it was lost). */
    static final ProblemType INTERRUPTED = new ProblemType(503, "upload-interrupted",
            "The upload could not be completed");

    private final BatchRepository batches;
    private final IdempotencyStore idempotency;
    private final AuditLog audit;
    private final TimeSource time;
    private final ObjectMapper json;
    private final BatchMetrics metrics;
    private final BatchWorker worker;
    private final QuotaService quota;
    private final UploadReceiver receiver;
    private final UploadSlots slots;
    private final IntakeConnections connections;
    private final PerisaiConfig.BatchConfig config;
    private final long maxBody;
    /** Batches with at most this many records to process are processed within the accepting transaction. */
    private final int withinRecords;
    /** Validation and encryption run here, one thread per core, for every batch being accepted. */
    private final ExecutorService preparers;

    public BatchIntake(BatchRepository batches, IdempotencyStore idempotency, AuditLog audit, TimeSource time,
            ObjectMapper json, BatchMetrics metrics, BatchWorker worker, QuotaService quota, UploadReceiver receiver,
            UploadSlots slots, IntakeConnections connections, PerisaiConfig config) {
        this.batches = batches;
        this.idempotency = idempotency;
        this.audit = audit;
        this.time = time;
        this.json = json;
        this.metrics = metrics;
        this.worker = worker;
        this.quota = quota;
        this.receiver = receiver;
        this.slots = slots;
        this.connections = connections;
        this.config = config.batch();
        this.maxBody = config.http().maxBodySize().asLongValue();
        this.withinRecords = Math.min(config.batch().inlineRecords(), config.batch().chunkSize());
        AtomicInteger threads = new AtomicInteger();
        this.preparers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "batch-prepare-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Accepts a submission; call on the request's event loop, before anything read its body. {@code location} is the
     * collection's link (the batch's Location is it plus the batch id).
     */
    public Uni<Accepted> submit(BatchDefinition<?, ?> definition, Caller caller, String parent, String idempotencyKey,
            String contentType, boolean dryRun, RoutingContext ctx, String location) {
        Request request;
        UploadSlots.Slot slot;
        try {
            String key = IdempotencyKeys.require(idempotencyKey);
            RecordFormat format = RecordFormat.of(contentType);
            BatchKind kind = definition.kind();
            String operation = operation(kind, parent);
            request = new Request(definition, caller, parent, key, operation, format, dryRun, location);
            slot = slots.acquire(caller.requirePartnerId());
        } catch (RuntimeException e) {
            UploadReceiver.refuseBody(ctx);
            return Uni.createFrom().failure(e);
        }
        return definition.requireParent(caller, parent)
                .flatMap(v -> idempotency.claim(caller.requirePartnerId(), request.operation(), request.key()))
                .flatMap(claim -> receiveAndAccept(request, claim, ctx))
                .onFailure().invoke(e -> UploadReceiver.refuseBody(ctx))
                .onTermination().invoke(slot::close);
    }

    private Uni<Accepted> receiveAndAccept(Request request, Claim claim, RoutingContext ctx) {
        if (claim instanceof InFlight) {
            return Uni.createFrom().failure(IdempotencyKeys.inFlight());
        }
        UUID owner = claim instanceof Owned owned ? owned.owner() : null;
        long partnerId = request.caller().requirePartnerId();
        int[] ticks = new int[1];
        Runnable heartbeat = () -> {
            if (owner != null && ++ticks[0] % HEARTBEAT_TICKS == 0) {
                idempotency.heartbeat(partnerId, request.operation(), request.key(), owner).subscribe()
                        .with(v -> {
                        }, e -> LOG.debugf("Idempotency-Key heartbeat failed: %s", e.getClass().getName()));
            }
        };
        return Uni.createFrom().voidItem().invoke(v -> {
            if (owner != null && !request.dryRun()) {
                // refused at once when today's quota is used up (a replay gets its first answer, whatever the quota says now)
                quota.requireRemaining(request.caller(), request.kind().quota());
            }
        }).flatMap(v -> receiver.receive(ctx, maxBody, heartbeat))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(file -> {
                    try {
                        if (claim instanceof Completed done) {
                            return replay(request, file, done);
                        }
                        return accept(request, owner, file);
                    } finally {
                        file.delete();
                    }
                })
                .onFailure().call(e -> release(request, owner))
                // the client went away (the framework cancels the answer): free the key for its retry. Should the
                // accepting transaction still be running, it either completes first (the retry then gets the stored
                // answer) or finds its claim gone and rolls back (the retry is then accepted afresh): never both.
                .onCancellation().invoke(() -> release(request, owner).subscribe().with(v -> {
                }, e -> {
                }));
    }

    /** Frees the Idempotency-Key after a request that stored nothing, so a corrected retry can use it. */
    private Uni<Void> release(Request request, UUID owner) {
        if (owner == null) {
            return Uni.createFrom().voidItem();
        }
        return idempotency.release(request.caller().requirePartnerId(), request.operation(), request.key(), owner)
                .onFailure().invoke(releaseFailure -> LOG.warnf(
                        "could not release an Idempotency-Key claim (it expires by itself): %s",
                        releaseFailure.getClass().getName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The Idempotency-Key scope of a kind (under a parent): {@code registration-batch}, … */
    static String operation(BatchKind kind, String parent) {
        String scope = kind.tag().replace('_', '-') + "-batch";
        return parent == null ? scope : scope + ":" + parent;
    }

    /** The same key again: the same request gets the first answer; another one is a 422. Blocking. */
    private Accepted replay(Request request, SpoolFile file, Completed done) {
        try (InputStream spooled = file.open()) {
            BodyStream body = body(request, spooled);
            if (!MessageDigest.isEqual(finish(body), done.requestHash())) {
                throw IdempotencyKeys.reused();
            }
            return new Accepted(null, done.body(), done.location(), true);
        } catch (IOException e) {
            throw unreadable();
        }
    }

    private BodyStream body(Request request, InputStream spooled) {
        return new BodyStream(spooled, maxBody)
                .seed(request.operation() + "|" + request.format() + "|dryRun=" + request.dryRun());
    }

    /** Parses, validates and stages the spooled body, then accepts the batch. Blocking: a worker thread. */
    private Accepted accept(Request request, UUID owner, SpoolFile file) {
        Instant submittedAt = time.now();
        LocalDate today = submittedAt.atZone(TimeSource.WIB).toLocalDate();
        Submission submission = new Submission(request.caller(), request.parent(), request.dryRun(), submittedAt,
                today);
        try (InputStream spooled = file.open()) {
            return accept(request, owner, request.definition().stager(submission), body(request, spooled), submittedAt);
        } catch (IOException e) {
            throw unreadable();
        }
    }

    private <P> Accepted accept(Request request, UUID owner, Stager<P> stager, BodyStream body, Instant submittedAt) {
        BatchKind kind = request.kind();
        Caller caller = request.caller();
        UUID batchId = UUID.randomUUID();
        Staging staging = new Staging(request, batchId, submittedAt, owner);
        Deque<Future<List<P>>> preparing = new ArrayDeque<>();
        boolean accepted = false;
        try {
            RecordReader reader = request.format().reader(body, json, MAX_FIELDS);
            Receiving<P> receiving = new Receiving<>(stager, staging, kind);
            List<ObjectNode> slice = new ArrayList<>(SLICE);
            int index = 0;
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
                        receiving.add(await(preparing.poll()));
                    }
                }
            }
            if (!slice.isEmpty()) {
                preparing.add(prepare(stager, slice, index - slice.size() + 1, reader.textual()));
            }
            while (!preparing.isEmpty()) {
                receiving.add(await(preparing.poll()));
            }
            byte[] hash = finish(body);
            if (index == 0) {
                throw new InvalidInputException("records", "REQUIRED", "the batch has no records");
            }
            Totals totals = new Totals(index, receiving.rejected, stager.duplicates());
            Accepted answer = staging.accept(stager.take(batchId), totals, hash);
            accepted = true;
            return answer;
        } finally {
            preparing.forEach(f -> f.cancel(true));
            staging.settle();
            if (!accepted) {
                // nothing of a refused batch remains
                staging.discard();
            }
        }
    }

    /** Record counts of a received batch. */
    record Totals(int received, int rejected, int duplicates) {
        int staged() {
            return received - rejected - duplicates;
        }
    }

    /**
     * The database side of accepting one batch: its chunks, each in a short transaction of its own (one on the wire
     * while the next is prepared), the first of which inserts the batch row as STAGING; then the transaction that
     * accepts it.
     */
    private final class Staging {
        final Request request;
        final BatchKind kind;
        final UUID batchId;
        final Instant submittedAt;
        final String owner = worker.owner();
        final UUID claimOwner;
        CompletableFuture<Long> inFlight = CompletableFuture.completedFuture(0L);
        boolean inserted;
        long lastHeartbeat = System.nanoTime();

        Staging(Request request, UUID batchId, Instant submittedAt, UUID claimOwner) {
            this.request = request;
            this.kind = request.kind();
            this.batchId = batchId;
            this.submittedAt = submittedAt;
            this.claimOwner = claimOwner;
        }

        /** Writes a chunk in a transaction of its own; waits for the one before it first. Blocking. */
        void write(Stager.ChunkWrite chunk) {
            await(inFlight);
            boolean first = !inserted;
            inserted = true;
            connections.acquire();
            // Staging transactions commit without waiting for the WAL flush: they mean nothing until the accepting
            // transaction commits, and that commit (which does wait) makes every one before it durable first
            inFlight = batches.pool().withTransaction(tx -> Db.commitWithoutWaitingForDisk(tx)
                    .flatMap(v -> first ? insert(tx)
                            : batches.renewStaging(tx, batchId, owner, config.lease())
                                    .invoke(held -> {
                                        if (!held) {
                                            throw interrupted();
                                        }
                                    }).replaceWithVoid())
                    .flatMap(v -> chunk.write(tx)))
                    .onTermination().invoke(connections::release)
                    .subscribeAsCompletionStage();
            heartbeatClaim();
        }

        private Uni<Void> insert(io.vertx.mutiny.sqlclient.SqlClient tx) {
            Caller caller = request.caller();
            return batches.insertStaging(tx, batchId, kind, caller.requirePartnerId(), request.parent(),
                    request.dryRun(), request.format().mediaType(), submittedAt, caller.subject(), caller.tokenId(),
                    owner, config.lease());
        }

        /** A long staging keeps its Idempotency-Key claimed (a statement of its own, outside the transactions). */
        private void heartbeatClaim() {
            if (System.nanoTime() - lastHeartbeat < HEARTBEAT.toNanos()) {
                return;
            }
            lastHeartbeat = System.nanoTime();
            idempotency.heartbeat(request.caller().requirePartnerId(), request.operation(), request.key(), claimOwner)
                    .subscribe().with(v -> {
                    }, e -> LOG.debugf("Idempotency-Key heartbeat failed: %s", e.getClass().getName()));
        }

        /** Waits for the chunk on the wire (if any); its failure fails the batch. */
        void settle() {
            try {
                await(inFlight);
            } catch (RuntimeException e) {
                // reported by whoever failed first
            }
        }

        /**
         * The accepting transaction: the last chunk, a small batch's processing, the batch's totals and status, its
         * audit record, the Idempotency-Key response and the quota — then the commit, then the 202.
         */
        Accepted accept(Stager.ChunkWrite last, Totals totals, byte[] hash) {
            await(inFlight);
            Caller caller = request.caller();
            long partnerId = caller.requirePartnerId();
            connections.acquire();
            SqlConnection connection = null;
            boolean open = false;
            try {
                connection = batches.pool().getConnection().await().indefinitely();
                // a plain BEGIN rather than the client's Transaction, which rolls everything back at the first failed
                // statement: a small batch's processing may fail on a deadlock and is then undone to a savepoint alone
                connection.query("begin").execute().await().indefinitely();
                open = true;
                if (!inserted) {
                    insert(connection).await().indefinitely();
                    inserted = true;
                } else if (!batches.renewStaging(connection, batchId, owner, config.lease()).await().indefinitely()) {
                    throw interrupted();
                }
                last.write(connection).await().indefinitely();
                int staged = totals.staged();
                // a small batch is processed here and now: one transaction instead of the workers' several
                ChunkResult.Processed within = staged > 0 && staged <= withinRecords
                        ? processWithin(connection, partnerId)
                        : null;
                if (within != null && within.records() != staged) {
                    throw new IllegalStateException("processed " + within.records() + " of " + staged + " staged records");
                }
                BatchRow batch = within == null
                        ? batches.finishReceiving(connection, batchId, owner, totals.received(), totals.rejected(),
                                totals.duplicates(), staged).await().indefinitely()
                        : batches.completeWithin(connection, batchId, owner, totals.received(), within.accepted(),
                                totals.duplicates() + within.duplicate(), totals.rejected() + within.rejected(), staged,
                                owner + "/request").await().indefinitely();
                FinishedBatch finished = null;
                if (batch.status() == BatchStatus.COMPLETED) {
                    // complete at once (processed here, or nothing to process): the listeners hear it in this transaction
                    finished = new FinishedBatch(batchId, kind, partnerId, request.parent(), batch.status(),
                            batch.dryRun(), batch.submittedAt(), batch.completedAt(), batch.received(), batch.accepted(),
                            batch.duplicate(), batch.rejected());
                    batches.announce(connection, finished).await().indefinitely();
                }
                String location = request.location() + "/" + batchId;
                String response = toJson(BatchResponse.of(batch));
                audit.record(connection, AuditEntry.Actor.of(caller), AuditEntry.of(kind.auditAction(),
                        caller.partnerCode(), "batch", batchId.toString()).with(
                                Map.of("received", totals.received(), "rejected", totals.rejected(), "duplicate",
                                        totals.duplicates(), "dryRun", request.dryRun(), "format",
                                        request.format().name())))
                        .await().indefinitely();
                idempotency.complete(connection, partnerId, request.operation(), request.key(), claimOwner, hash,
                        202, response, location).await().indefinitely();
                if (!request.dryRun()) {
                    // the conditional consume: within today's limit or 429, in this transaction (nothing stored if
                    // refused). Last before the commit: the partner's usage row stays locked only for the commit
                    // itself, not while the batch is written, so a partner's concurrent batches do not queue.
                    quota.consume(connection, caller, kind.quota(), totals.received()).await().indefinitely();
                }
                connection.query("commit").execute().await().indefinitely();
                open = false;
                batches.committed(finished);
                recordMetrics(totals, within, batch);
                return new Accepted(batchId, response, location, false);
            } finally {
                if (open) {
                    try {
                        connection.query("rollback").execute().await().indefinitely();
                    } catch (RuntimeException brokenConnection) {
                        // a broken connection is discarded by the pool, and PostgreSQL ends its transaction
                    }
                }
                if (connection != null) {
                    connection.close().await().indefinitely();
                }
                connections.release();
            }
        }

        private void recordMetrics(Totals totals, ChunkResult.Processed within, BatchRow batch) {
            boolean dryRun = request.dryRun();
            metrics.batch(kind, BatchStatus.RECEIVED);
            metrics.records(kind, RecordOutcome.REJECTED, dryRun, totals.rejected());
            if (totals.duplicates() > 0) {
                metrics.records(kind, RecordOutcome.DUPLICATE, dryRun, totals.duplicates());
                metrics.error(kind, "DUPLICATE_IN_BATCH", totals.duplicates());
            }
            if (within != null) {
                metrics.processed(kind, dryRun, within);
            }
            if (batch.status() == BatchStatus.COMPLETED) {
                metrics.batch(kind, BatchStatus.COMPLETED);
            } else {
                worker.wake();
            }
        }

        /**
         * Processes a small batch in the accepting transaction, behind a savepoint: if PostgreSQL breaks a deadlock
         * with a concurrent batch over the same records by aborting this one's statement, the processing is undone
         * and the batch is left to the workers (null) — the batch itself is still accepted.
         */
        private ChunkResult.Processed processWithin(SqlConnection connection, long partnerId) {
            connection.query("savepoint process_within").execute().await().indefinitely();
            try {
                ChunkResult.Processed outcome = request.definition().processor()
                        .processWithin(connection, batchId, partnerId, request.dryRun(), submittedAt).await()
                        .indefinitely();
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

        /** Removes what was staged of a batch that was not accepted (best effort: the janitor does it otherwise). */
        void discard() {
            if (!inserted) {
                return;
            }
            try {
                batches.discard(kind, batchId).await().indefinitely();
            } catch (RuntimeException e) {
                LOG.warnf("Staged records of a refused %s were not removed now (the staging janitor will): %s",
                        kind.label(), e.getClass().getName());
            }
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

    /** The sequential half of receiving: prepared records added in order, full chunks handed to staging. */
    private final class Receiving<P> {
        final Stager<P> stager;
        final Staging staging;
        final BatchKind kind;
        int rejected;

        Receiving(Stager<P> stager, Staging staging, BatchKind kind) {
            this.stager = stager;
            this.staging = staging;
            this.kind = kind;
        }

        void add(List<P> prepared) {
            for (P p : prepared) {
                List<FieldError> errors = stager.add(p);
                if (!errors.isEmpty()) {
                    metrics.errors(kind, errors);
                    rejected++;
                }
                if (stager.buffered() >= stager.flushAt()) {
                    staging.write(stager.take(staging.batchId));
                }
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

    private static MalformedBodyException unreadable() {
        return new MalformedBodyException("The request body could not be read completely");
    }

    private static ProblemException interrupted() {
        return new ProblemException(INTERRUPTED,
                "The batch could not be stored completely; nothing was kept. Send it again (with the same Idempotency-Key)")
                .withHeader("Retry-After", "5");
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
