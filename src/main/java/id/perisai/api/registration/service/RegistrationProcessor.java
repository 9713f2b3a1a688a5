package id.perisai.api.registration.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.batch.BatchKind;
import id.perisai.api.common.batch.BatchProcessor;
import id.perisai.api.common.batch.BatchRepository;
import id.perisai.api.common.batch.BatchRepository.Claimed;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.db.Db;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.repository.RegistrationBatchRepository.ChunkCounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Processes registration batches a staged chunk at a time: each chunk in its own transaction, claimed with
 * {@code FOR UPDATE SKIP LOCKED}, decided by one set-based statement that also drops the chunk. Chunks of one batch
 * hold different NIKs (duplicates in the batch are settled while receiving), so several are processed at once — on
 * separate connections, using PostgreSQL's cores in parallel — and a chunk is processed exactly once whatever
 * replica takes it, even after a crash or a lost lease.
 */
@ApplicationScoped
public class RegistrationProcessor implements BatchProcessor {

    private final BatchRepository batches;
    private final RegistrationBatchRepository registrations;
    private final int parallelChunks;
    /** Chunks a lane processes before handing back to the worker (which checks for shutdown between calls). */
    static final int CHUNKS_PER_LANE_AND_CALL = 8;

    public RegistrationProcessor(BatchRepository batches, RegistrationBatchRepository registrations,
            PerisaiConfig config) {
        this.batches = batches;
        this.registrations = registrations;
        this.parallelChunks = config.batch().parallelChunks();
    }

    @Override
    public BatchKind kind() {
        return BatchKind.REGISTRATION;
    }

    @Override
    public ChunkOutcome processNext(Claimed batch, String owner, int chunkSize, Duration lease) {
        if (!batches.progress(batch.id(), owner, 0, 0, lease).await().indefinitely()) {
            return null;
        }
        LocalDate month = registrationMonth(batch.submittedAt());
        // several lanes, each taking chunk after chunk until none is left (or it has done its share for this call),
        // reporting progress as it goes: PostgreSQL always has a chunk to work on per lane
        List<Uni<Lane>> lanes = new ArrayList<>();
        for (int i = 0; i < parallelChunks; i++) {
            lanes.add(lane(batch, owner, month, lease, new Lane()));
        }
        List<Lane> done = Uni.join().all(lanes).andFailFast().await().indefinitely();
        int records = 0;
        int accepted = 0;
        int already = 0;
        boolean leaseLost = false;
        for (Lane lane : done) {
            records += lane.records;
            accepted += lane.accepted;
            already += lane.already;
            leaseLost |= lane.leaseLost;
        }
        if (records == 0) {
            if (leaseLost) {
                return null;
            }
            return registrations.anyChunkLeft(batch.id()).await().indefinitely() ? ChunkOutcome.waiting()
                    : ChunkOutcome.done();
        }
        return outcome(records, accepted, already);
    }

    /** Registration never rejects while processing: a record is ACCEPTED or a DUPLICATE already registered. */
    static ChunkOutcome outcome(int records, int accepted, int alreadyRegistered) {
        return new ChunkOutcome(records, accepted, alreadyRegistered, 0,
                Map.of("ALREADY_REGISTERED", alreadyRegistered));
    }

    static LocalDate registrationMonth(Instant submittedAt) {
        return submittedAt.atZone(TimeSource.WIB).toLocalDate().withDayOfMonth(1);
    }

    /**
     * A small batch's single chunk, decided by the same statement in the accepting transaction: the participants, the
     * outcomes and the batch's 202 commit together. Concurrent batches with the same NIKs race exactly as chunks of
     * the workers do (the insert is ordered by blind index, so they wait for each other rather than deadlock).
     */
    @Override
    public Uni<ChunkOutcome> processWithin(SqlClient tx, UUID batchId, long partnerId, boolean dryRun,
            Instant submittedAt) {
        return registrations.claimChunk(tx, batchId).flatMap(chunk -> {
            if (chunk == null) {
                return Uni.createFrom().item(ChunkOutcome.done());
            }
            return registrations.processChunk(tx, batchId, partnerId, dryRun, submittedAt,
                    registrationMonth(submittedAt), chunk)
                    .map(counts -> outcome(counts.records(), counts.accepted(), counts.alreadyRegistered()));
        });
    }

    /** What one lane did in this call. */
    static final class Lane {
        int chunks;
        int records;
        int accepted;
        int already;
        boolean leaseLost;
    }

    private Uni<Lane> lane(Claimed batch, String owner, LocalDate month, Duration lease, Lane lane) {
        if (lane.chunks >= CHUNKS_PER_LANE_AND_CALL || lane.leaseLost) {
            return Uni.createFrom().item(lane);
        }
        // Safe here: a chunk's outcomes, participants and the removal of the chunk commit together, so if PostgreSQL
        // crashed before the WAL is flushed they are lost together and the chunk is processed again; and the batch is
        // marked COMPLETED by a commit that does wait, which (the WAL being sequential) makes every chunk before it
        // durable first.
        return registrations.pool().withTransaction(tx -> Db.commitWithoutWaitingForDisk(tx)
                .flatMap(v -> registrations.claimChunk(tx, batch.id()))
                .flatMap(chunk -> chunk == null ? Uni.createFrom().<ChunkCounts> nullItem()
                        : registrations.processChunk(tx, batch.id(), batch.partnerId(), batch.dryRun(),
                                batch.submittedAt(), month, chunk)))
                .flatMap(counts -> {
                    if (counts == null) {
                        return Uni.createFrom().item(lane);
                    }
                    lane.chunks++;
                    lane.records += counts.records();
                    lane.accepted += counts.accepted();
                    lane.already += counts.alreadyRegistered();
                    // the totals partners see while the batch is processed (exact, recounted, at completion)
                    return batches.progress(batch.id(), owner, counts.accepted(), counts.alreadyRegistered(), lease)
                            .flatMap(held -> {
                                lane.leaseLost = !held;
                                return lane(batch, owner, month, lease, lane);
                            });
                });
    }

    @Override
    public boolean fail(Claimed batch, String owner, String reason) {
        return batches.pool().withTransaction(tx -> batches.fence(tx, batch.id(), owner).flatMap(fenced -> {
            if (fenced == null) {
                return Uni.createFrom().item(false);
            }
            return registrations.failRemaining(tx, batch.id())
                    .flatMap(failed -> batches.markFailed(tx, batch.id(), reason, failed)).replaceWith(true);
        })).await().indefinitely();
    }
}
