package id.perisai.api.batch.queue;

import static id.perisai.api.batch.spi.BatchStatus.COMPLETED;
import static id.perisai.api.batch.spi.BatchStatus.FAILED;
import static id.perisai.api.batch.spi.BatchStatus.PROCESSING;
import static id.perisai.api.batch.spi.BatchStatus.RECEIVED;
import static id.perisai.api.batch.spi.BatchStatus.STAGING;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;

import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.BatchListener;
import id.perisai.api.batch.spi.BatchStatus;
import id.perisai.api.batch.spi.ClaimedBatch;
import id.perisai.api.batch.spi.FinishedBatch;
import id.perisai.api.batch.spi.KindResult;
import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.batch.spi.RecordResult;
import id.perisai.api.batch.spi.ResultView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The batch queue in PostgreSQL, shared by every kind of batch and every replica. The replica receiving a batch writes
 * it as STAGING (nobody else sees it) and makes it RECEIVED in its last short transaction; a worker of any replica
 * then claims the oldest unclaimed batch ({@code FOR UPDATE SKIP LOCKED}) with a lease; each processing transaction
 * first locks the batch row and checks it still holds the lease (the fence), then advances the batch's progress
 * pointer with its work, so a crash loses at most an uncommitted chunk and nothing is ever applied twice. Bulk hot
 * path: the reactive pool with plain SQL rather than the ORM.
 */
@ApplicationScoped
public class BatchRepository {

    /** A batch as partners see it. */
    public record BatchRow(UUID id, BatchStatus status, boolean dryRun, Instant submittedAt, Instant completedAt,
            int received, int accepted, int duplicate, int rejected) {
    }

    /** A STAGING batch whose receiving replica is gone (its lease expired). */
    public record Abandoned(UUID id, String kind) {
    }

    static final String COLUMNS = "id, status, dry_run, submitted_at, completed_at, received, accepted, duplicate, rejected";

    static final String FINISHED = "status, dry_run, submitted_at, completed_at, received, accepted, duplicate, rejected";

    private final Pool pool;
    private final List<BatchListener> listeners;
    private final Event<FinishedBatch> finished;

    public BatchRepository(Pool pool, Instance<BatchListener> listeners, Event<FinishedBatch> finished) {
        this.pool = pool;
        this.listeners = listeners.stream().toList();
        this.finished = finished;
    }

    /**
     * Tells the {@link BatchListener}s, in the finishing transaction, that a batch finished. Call in every
     * transaction that makes a batch COMPLETED or FAILED.
     */
    public Uni<FinishedBatch> announce(SqlClient tx, FinishedBatch batch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BatchListener listener : listeners) {
            chain = chain.flatMap(v -> listener.finished(tx, batch));
        }
        return chain.replaceWith(batch);
    }

    /** After the finishing transaction committed: the CDI event for work that may follow the commit. */
    public void committed(FinishedBatch batch) {
        if (batch != null) {
            finished.fireAsync(batch);
        }
    }

    /** A finished batch from a row with the {@link #FINISHED} columns. */
    public static FinishedBatch finished(Row r, UUID id, BatchKind kind, long partnerId, String parent) {
        return new FinishedBatch(id, kind, partnerId, parent == null || parent.isEmpty() ? null : parent,
                BatchStatus.valueOf(r.getString("status")), r.getBoolean("dry_run"),
                r.getOffsetDateTime("submitted_at").toInstant(), r.getOffsetDateTime("completed_at").toInstant(),
                r.getInteger("received"), r.getInteger("accepted"), r.getInteger("duplicate"), r.getInteger("rejected"));
    }

    public Pool pool() {
        return pool;
    }

    // ---- receiving ------------------------------------------------------------------------------------------------

    /** The batch row, STAGING and leased to the receiving replica, in the first transaction that writes its records. */
    public Uni<Void> insertStaging(SqlClient tx, UUID id, BatchKind kind, long partnerId, String parent, boolean dryRun,
            String contentType, Instant submittedAt, String subject, String tokenId, String owner, Duration lease) {
        return tx.preparedQuery("""
                insert into batch (id, kind, partner_id, parent, status, dry_run, content_type, submitted_at, received,
                                   staged, subject, token_id, lease_owner, lease_until)
                values ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, $9, $10, $11, now() + make_interval(secs => $12))
                """).execute(Tuple.from(new Object[] { id, kind.name(), partnerId, parent(parent), STAGING.name(), dryRun,
                contentType, utc(submittedAt), subject, tokenId, owner, seconds(lease) }))
                .replaceWithVoid();
    }

    /** Renews the receiving replica's lease on its STAGING batch (in each staging transaction); false when lost. */
    public Uni<Boolean> renewStaging(SqlClient tx, UUID id, String owner, Duration lease) {
        return tx.preparedQuery("""
                update batch set lease_until = now() + make_interval(secs => $3)
                 where id = $1 and lease_owner = $2 and status = $4
                """).execute(Tuple.of(id, owner, seconds(lease), STAGING.name())).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Accepts a STAGING batch with its totals: RECEIVED for the workers, or COMPLETED at once when nothing is left to
     * process. Fails when the batch is no longer this replica's STAGING batch.
     */
    public Uni<BatchRow> finishReceiving(SqlClient tx, UUID id, String owner, int received, int rejected, int duplicate,
            int staged) {
        return tx.preparedQuery("""
                update batch
                   set received = $3, rejected = $4, duplicate = $5, staged = $6, lease_owner = null, lease_until = null,
                       status = case when $6 = 0 then $8 else $9 end,
                       completed_at = case when $6 = 0 then date_trunc('milliseconds', now()) end
                 where id = $1 and lease_owner = $2 and status = $7
                returning %s
                """.formatted(COLUMNS)).execute(Tuple.from(new Object[] { id, owner, received, rejected, duplicate,
                staged, STAGING.name(), COMPLETED.name(), RECEIVED.name() }))
                .map(rows -> single(rows.iterator()));
    }

    /** Accepts a STAGING batch processed within the transaction that accepted it: COMPLETED at once. */
    public Uni<BatchRow> completeWithin(SqlClient tx, UUID id, String owner, int received, int accepted, int duplicate,
            int rejected, int staged, String processedBy) {
        return tx.preparedQuery("""
                update batch
                   set received = $3, accepted = $4, duplicate = $5, rejected = $6, staged = $7, status = $10,
                       completed_at = date_trunc('milliseconds', now()), completed_by = $8, lease_owner = null,
                       lease_until = null
                 where id = $1 and lease_owner = $2 and status = $9
                returning %s
                """.formatted(COLUMNS)).execute(Tuple.from(new Object[] { id, owner, received, accepted, duplicate,
                rejected, staged, processedBy, STAGING.name(), COMPLETED.name() }))
                .map(rows -> single(rows.iterator()));
    }

    /** Removes a STAGING batch and everything staged for it (a refused or broken-off submission leaves nothing). */
    public Uni<Void> discard(BatchKind kind, UUID id) {
        return pool.withTransaction(tx -> tx.preparedQuery("delete from batch where id = $1 and status = $2")
                .execute(Tuple.of(id, STAGING.name())).flatMap(deleted -> {
                    if (deleted.rowCount() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String table : tables(kind)) {
                        chain = chain.flatMap(v -> tx.preparedQuery("delete from " + table + " where batch_id = $1")
                                .execute(Tuple.of(id)).replaceWithVoid());
                    }
                    return chain;
                }));
    }

    /** STAGING batches whose receiving replica's lease expired more than {@code grace} ago. */
    public Uni<List<Abandoned>> abandoned(Duration grace, int limit) {
        return pool.preparedQuery("""
                select id, kind from batch
                 where status = $1 and lease_until < now() - make_interval(secs => $2)
                 order by lease_until limit $3
                """).execute(Tuple.of(STAGING.name(), seconds(grace), limit)).map(rows -> {
            List<Abandoned> found = new ArrayList<>();
            rows.forEach(r -> found.add(new Abandoned(r.getUUID("id"), r.getString("kind"))));
            return found;
        });
    }

    // ---- processing -----------------------------------------------------------------------------------------------

    /** Claims the oldest batch nobody holds (or whose holder's lease expired); null when there is none. */
    public Uni<ClaimedBatch> claim(String owner, Duration lease, Function<String, BatchKind> kinds) {
        return pool.preparedQuery("""
                update batch b
                   set status = $3, lease_owner = $1, lease_until = now() + make_interval(secs => $2),
                       attempts = b.attempts + 1
                 where b.id = (select id from batch
                                where status in ($3, $4) and (lease_until is null or lease_until < now())
                                order by submitted_at
                                limit 1
                                for update skip locked)
                returning b.id, b.kind, b.partner_id, b.parent, b.dry_run, b.submitted_at, b.attempts, b.staged
                """).execute(Tuple.of(owner, seconds(lease), PROCESSING.name(), RECEIVED.name())).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new ClaimedBatch(r.getUUID("id"), kinds.apply(r.getString("kind")), r.getLong("partner_id"),
                    r.getString("parent"), r.getBoolean("dry_run"), r.getOffsetDateTime("submitted_at").toInstant(),
                    r.getInteger("attempts"), r.getInteger("staged"));
        });
    }

    /** Locks the batch row if this replica still holds its lease: its progress pointer, or null (lease lost). */
    public Uni<Integer> fence(SqlClient tx, UUID id, String owner) {
        return tx.preparedQuery("select processed_until from batch where id = $1 and lease_owner = $2 for update")
                .execute(Tuple.of(id, owner)).map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? it.next().getInteger(0) : null;
                });
    }

    /** Moves the progress pointer with the work of a chunk and renews the lease (in the chunk's transaction). */
    public Uni<Void> advance(SqlClient tx, UUID id, int processedUntil, int accepted, int duplicate, int rejected,
            Duration lease) {
        return tx.preparedQuery("""
                update batch
                   set processed_until = $2, accepted = accepted + $3, duplicate = duplicate + $4, rejected = rejected + $5,
                       lease_until = now() + make_interval(secs => $6)
                 where id = $1
                """).execute(Tuple.from(new Object[] { id, processedUntil, accepted, duplicate, rejected, seconds(lease) }))
                .replaceWithVoid();
    }

    /**
     * Adds processed records to the totals and renews the lease, if this replica still holds it (a short statement of
     * its own, so the chunk transactions never wait for the batch row); false when the lease was lost.
     */
    public Uni<Boolean> progress(UUID id, String owner, int accepted, int duplicate, Duration lease) {
        return pool.preparedQuery("""
                update batch
                   set accepted = accepted + $3, duplicate = duplicate + $4,
                       lease_until = now() + make_interval(secs => $5)
                 where id = $1 and lease_owner = $2
                """).execute(Tuple.from(new Object[] { id, owner, accepted, duplicate, seconds(lease) }))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Marks a fully processed batch COMPLETED with its totals counted from the outcomes (exact, whatever progress was
     * reported on the way), drops its staged records and tells the listeners, in one transaction. False when the lease
     * was lost.
     */
    public Uni<Boolean> complete(ClaimedBatch batch, String owner) {
        BatchKind kind = batch.kind();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                with outcomes as (
                    select count(*) filter (where status = $4) as accepted,
                           count(*) filter (where status = $5) as duplicate,
                           count(*) filter (where status = $6) as rejected
                      from %s where batch_id = $1
                )
                update batch b
                   set status = $7, completed_at = date_trunc('milliseconds', now()), completed_by = lease_owner,
                       lease_owner = null, lease_until = null,
                       accepted = o.accepted, duplicate = o.duplicate, rejected = o.rejected
                  from outcomes o
                 where b.id = $1 and b.lease_owner = $2 and b.status = $3
                returning b.%s
                """.formatted(kind.resultTable(), FINISHED.replace(", ", ", b."))).execute(Tuple.from(new Object[] {
                batch.id(), owner, PROCESSING.name(), RecordOutcome.ACCEPTED.name(), RecordOutcome.DUPLICATE.name(),
                RecordOutcome.REJECTED.name(), COMPLETED.name() }))
                .flatMap(updated -> {
                    if (updated.rowCount() != 1) {
                        return Uni.createFrom().<FinishedBatch> nullItem();
                    }
                    FinishedBatch done = finished(updated.iterator().next(), batch.id(), kind, batch.partnerId(),
                            batch.parent());
                    return dropStaged(tx, kind, batch.id()).flatMap(v -> announce(tx, done));
                })).invoke(this::committed).map(done -> done != null);
    }

    /**
     * Gives up a batch after too many attempts: the staged records still without an outcome (kinds that stage a row
     * per record, in {@code stagingTables().get(0)}) are REJECTED with {@code PROCESSING_FAILED}, so every record
     * still has exactly one outcome, and the batch is FAILED.
     */
    public Uni<Boolean> fail(ClaimedBatch batch, String owner, String reason) {
        BatchKind kind = batch.kind();
        return pool.withTransaction(tx -> fence(tx, batch.id(), owner).flatMap(processedUntil -> {
            if (processedUntil == null) {
                return Uni.createFrom().<FinishedBatch> nullItem();
            }
            return tx.preparedQuery("""
                    with failed as (
                        insert into %s (batch_id, idx, status, external_ref, errors)
                        select batch_id, idx, $4, external_ref, '%s'
                          from %s where batch_id = $1 and idx > $2
                        on conflict do nothing
                        returning 1
                    )
                    update batch
                       set status = $5, completed_at = date_trunc('milliseconds', now()), failure_reason = $3,
                           lease_owner = null, lease_until = null, rejected = rejected + (select count(*) from failed)
                     where id = $1
                    returning %s
                    """.formatted(kind.resultTable(), PROCESSING_FAILED, kind.stagingTables().get(0), FINISHED))
                    .execute(Tuple.of(batch.id(), processedUntil, reason, RecordOutcome.REJECTED.name(), FAILED.name()))
                    .flatMap(rows -> dropStaged(tx, kind, batch.id()).flatMap(v -> announce(tx, finished(
                            rows.iterator().next(), batch.id(), kind, batch.partnerId(), batch.parent()))));
        })).invoke(this::committed).map(done -> done != null);
    }

    /**
     * Gives up a batch whose kind gives its unprocessed records their PROCESSING_FAILED outcome itself
     * ({@code failRemaining}, returning how many): in one fenced transaction with the batch's FAILED state and the
     * listeners. False when the lease was lost.
     */
    public Uni<Boolean> fail(ClaimedBatch batch, String owner, String reason,
            Function<SqlClient, Uni<Integer>> failRemaining) {
        return pool.withTransaction(tx -> fence(tx, batch.id(), owner).flatMap(processedUntil -> {
            if (processedUntil == null) {
                return Uni.createFrom().<FinishedBatch> nullItem();
            }
            return failRemaining.apply(tx).flatMap(failed -> tx.preparedQuery("""
                    update batch
                       set status = $4, completed_at = date_trunc('milliseconds', now()), failure_reason = $2,
                           lease_owner = null, lease_until = null, rejected = rejected + $3
                     where id = $1
                    returning %s
                    """.formatted(FINISHED)).execute(Tuple.of(batch.id(), reason, failed, FAILED.name())))
                    .flatMap(rows -> announce(tx, finished(rows.iterator().next(), batch.id(), batch.kind(),
                            batch.partnerId(), batch.parent())));
        })).invoke(this::committed).map(done -> done != null);
    }

    /** The errors of a record given up after too many attempts. */
    public static final String PROCESSING_FAILED = "[{\"field\":\"\",\"code\":\"PROCESSING_FAILED\","
            + "\"message\":\"the record could not be processed; submit it again\"}]";

    /** Hands a batch back (shutdown, or a failed attempt after {@code retryIn}) so any replica may take it over. */
    public Uni<Void> release(UUID id, String owner, Duration retryIn) {
        return pool.preparedQuery("""
                update batch set lease_until = now() + make_interval(secs => $3) where id = $1 and lease_owner = $2
                """).execute(Tuple.of(id, owner, seconds(retryIn))).replaceWithVoid();
    }

    private static Uni<Void> dropStaged(SqlClient tx, BatchKind kind, UUID id) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String table : kind.stagingTables()) {
            chain = chain.flatMap(v -> tx.preparedQuery("delete from " + table + " where batch_id = $1")
                    .execute(Tuple.of(id)).replaceWithVoid());
        }
        return chain;
    }

    private static List<String> tables(BatchKind kind) {
        List<String> tables = new ArrayList<>(kind.stagingTables());
        tables.add(kind.resultTable());
        return tables;
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    /** The partner's batch of this kind (under this parent), unless it is still STAGING; null when there is none. */
    public Uni<BatchRow> find(BatchKind kind, UUID id, long partnerId, String parent) {
        return pool.preparedQuery("select " + COLUMNS + """
                 from batch where id = $1 and partner_id = $2 and kind = $3 and parent = $4 and status <> $5
                """).execute(Tuple.of(id, partnerId, kind.name(), parent(parent), STAGING.name()))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? toBatch(it.next()) : null;
                });
    }

    /** The partner's batches of a kind (under a parent), newest first, after the given (submittedAt, id) position. */
    public Uni<List<BatchRow>> list(BatchKind kind, long partnerId, String parent, Instant beforeSubmittedAt,
            UUID beforeId, int count) {
        return pool.preparedQuery("""
                select %s from batch
                 where partner_id = $1 and kind = $2 and parent = $3 and status <> $4
                   and ($5::timestamptz is null or (submitted_at, id) < ($5, $6))
                 order by submitted_at desc, id desc
                 limit $7
                """.formatted(COLUMNS)).execute(Tuple.from(new Object[] { partnerId, kind.name(), parent(parent),
                STAGING.name(), beforeSubmittedAt == null ? null : utc(beforeSubmittedAt), beforeId, count }))
                .map(rows -> {
                    List<BatchRow> batches = new ArrayList<>();
                    rows.forEach(r -> batches.add(toBatch(r)));
                    return batches;
                });
    }

    /** Outcomes in index order after the given index, optionally of one outcome, as the kind shows them. */
    public <R extends KindResult> Uni<List<R>> results(BatchKind kind, ResultView<R> view, UUID batchId, int afterIndex,
            RecordOutcome outcome, int count) {
        String own = view.columns().isEmpty() ? "" : ", " + String.join(", ", view.columns());
        return pool.preparedQuery("""
                select idx, external_ref, status, errors%s
                  from %s
                 where batch_id = $1 and idx > $2 and ($3::text is null or status = $3)
                 order by idx
                 limit $4
                """.formatted(own, kind.resultTable()))
                .execute(Tuple.of(batchId, afterIndex, outcome == null ? null : outcome.name(), count)).map(rows -> {
                    List<R> results = new ArrayList<>();
                    for (Row r : rows) {
                        RecordResult common = new RecordResult(r.getInteger("idx"), r.getString("external_ref"),
                                RecordOutcome.valueOf(r.getString("status")), r.getString("errors"));
                        results.add(view.details(common, r));
                    }
                    return results;
                });
    }

    /** Counts of open batches by kind and status, for the metrics gauge. */
    public Uni<List<Object[]>> openBatchCounts() {
        return pool.preparedQuery("""
                select kind, status, count(*), max(attempts),
                       extract(epoch from now() - min(submitted_at))::bigint as oldest_seconds
                  from batch where status in ($1, $2)
                 group by kind, status""").execute(Tuple.of(RECEIVED.name(), PROCESSING.name())).map(rows -> {
            List<Object[]> counts = new ArrayList<>();
            rows.forEach(r -> counts.add(new Object[] { r.getString(0), r.getString(1), r.getLong(2), r.getLong(3),
                    r.getLong(4) }));
            return counts;
        });
    }

    private static BatchRow single(RowIterator<Row> it) {
        if (!it.hasNext()) {
            throw new IllegalStateException("the batch is no longer being received by this replica");
        }
        return toBatch(it.next());
    }

    static BatchRow toBatch(Row r) {
        OffsetDateTime completed = r.getOffsetDateTime("completed_at");
        return new BatchRow(r.getUUID("id"), BatchStatus.valueOf(r.getString("status")), r.getBoolean("dry_run"),
                r.getOffsetDateTime("submitted_at").toInstant(), completed == null ? null : completed.toInstant(),
                r.getInteger("received"), r.getInteger("accepted"), r.getInteger("duplicate"), r.getInteger("rejected"));
    }

    private static String parent(String parent) {
        return parent == null ? "" : parent;
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
