package id.perisai.api.registration.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.spi.BatchProcessor;
import id.perisai.api.batch.spi.ChunkResult;
import id.perisai.api.batch.spi.ClaimedBatch;
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
    public ChunkResult processNext(ClaimedBatch batch, String owner, int chunkSize, Duration lease) {
        if (!batches.progress(batch.id(), owner, 0, 0, lease).await().indefinitely()) {
            return ChunkResult.LEASE_LOST;
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
                return ChunkResult.LEASE_LOST;
            }
            return registrations.anyChunkLeft(batch.id()).await().indefinitely() ? ChunkResult.WAITING
                    : ChunkResult.DONE;
        }
        return outcome(records, accepted, already);
    }

    /** Registration never rejects while processing: a record is ACCEPTED or a DUPLICATE already registered. */
    static ChunkResult.Processed outcome(int records, int accepted, int alreadyRegistered) {
        return new ChunkResult.Processed(records, accepted, alreadyRegistered, 0,
                Map.of("ALREADY_REGISTERED", alreadyRegistered));
    }

    static LocalDate registrationMonth(Instant submittedAt) {
        return submittedAt.atZone(TimeSource.WIB).toLocalDate().withDayOfMonth(1);
    }

    /**
     * A small batch's chunks, decided by the same statement in the accepting transaction: the participants, the
     * outcomes and the batch's 202 commit together. Concurrent batches with the same NIKs race exactly as chunks of
     * the workers do (the insert is ordered by blind index, so they wait for each other rather than deadlock).
     */
    @Override
    public Uni<ChunkResult.Processed> processWithin(SqlClient tx, UUID batchId, long partnerId, boolean dryRun,
            Instant submittedAt) {
        return processWithin(tx, batchId, partnerId, dryRun, submittedAt, new int[3]);
    }

    /** Chunk after chunk (a few valid records may have been staged in two chunks) until none is left. */
    private Uni<ChunkResult.Processed> processWithin(SqlClient tx, UUID batchId, long partnerId, boolean dryRun,
            Instant submittedAt, int[] sums) {
        return registrations.claimChunk(tx, batchId).flatMap(chunk -> {
            if (chunk == null) {
                return Uni.createFrom().item(outcome(sums[0], sums[1], sums[2]));
            }
            return registrations.processChunk(tx, batchId, partnerId, dryRun, submittedAt,
                    registrationMonth(submittedAt), chunk).flatMap(counts -> {
                        sums[0] += counts.records();
                        sums[1] += counts.accepted();
                        sums[2] += counts.alreadyRegistered();
                        return processWithin(tx, batchId, partnerId, dryRun, submittedAt, sums);
                    });
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

    private Uni<Lane> lane(ClaimedBatch batch, String owner, LocalDate month, Duration lease, Lane lane) {
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
    public boolean fail(ClaimedBatch batch, String owner, String reason) {
        return batches.fail(batch, owner, reason, tx -> registrations.failRemaining(tx, batch.id())).await()
                .indefinitely();
    }
}
