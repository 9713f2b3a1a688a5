package id.perisai.api.common.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The batch queue in PostgreSQL, shared by every kind of batch and every replica. A replica claims the oldest
 * unclaimed batch ({@code FOR UPDATE SKIP LOCKED}) with a lease; each processing transaction first locks the batch row
 * and checks it still holds the lease (the fence), then advances the batch's progress pointer with its work, so a
 * crash loses at most an uncommitted chunk and nothing is ever applied twice. Bulk hot path: the reactive pool with
 * plain SQL rather than the ORM.
 */
@ApplicationScoped
public class BatchRepository {

    /** A batch as partners see it. */
    public record BatchRow(UUID id, String status, boolean dryRun, Instant submittedAt, Instant completedAt, int received,
            int accepted, int duplicate, int rejected) {
    }

    /** A batch claimed for processing by this replica. */
    public record Claimed(UUID id, BatchKind kind, long partnerId, boolean dryRun, Instant submittedAt, int attempts,
            int staged) {
    }

    static final String COLUMNS = "id, status, dry_run, submitted_at, completed_at, received, accepted, duplicate, rejected";

    private final Pool pool;

    public BatchRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<SqlConnection> connection() {
        return pool.getConnection();
    }

    public Pool pool() {
        return pool;
    }

    // ---- receiving ------------------------------------------------------------------------------------------------

    public Uni<Void> insert(SqlClient tx, UUID id, BatchKind kind, long partnerId, boolean dryRun, String contentType,
            Instant submittedAt, String subject, String tokenId) {
        return tx.preparedQuery("""
                insert into batch (id, kind, partner_id, status, dry_run, content_type, submitted_at, received, staged,
                                   subject, token_id)
                values ($1, $2, $3, 'RECEIVED', $4, $5, $6, 0, 0, $7, $8)
                """).execute(Tuple.from(new Object[] { id, kind.name(), partnerId, dryRun, contentType, utc(submittedAt),
                subject, tokenId })).replaceWithVoid();
    }

    /** Totals of the received batch; a batch with nothing to process is complete at once. */
    public Uni<BatchRow> finishReceiving(SqlClient tx, UUID id, int received, int rejected, int duplicate, int staged) {
        return tx.preparedQuery("""
                update batch
                   set received = $2, rejected = $3, duplicate = $4, staged = $5,
                       status = case when $5 = 0 then 'COMPLETED' else 'RECEIVED' end,
                       completed_at = case when $5 = 0 then date_trunc('milliseconds', now()) end
                 where id = $1
                returning %s
                """.formatted(COLUMNS)).execute(Tuple.of(id, received, rejected, duplicate, staged))
                .map(rows -> toBatch(rows.iterator().next()));
    }

    /** Totals of a batch processed within the transaction that accepted it: COMPLETED at once. */
    public Uni<BatchRow> completeWithin(SqlClient tx, UUID id, int received, int accepted, int duplicate, int rejected,
            int staged, String processedBy) {
        return tx.preparedQuery("""
                update batch
                   set received = $2, accepted = $3, duplicate = $4, rejected = $5, staged = $6,
                       status = 'COMPLETED', completed_at = date_trunc('milliseconds', now()), completed_by = $7
                 where id = $1
                returning %s
                """.formatted(COLUMNS)).execute(Tuple.from(List.of(id, received, accepted, duplicate, rejected, staged,
                processedBy)))
                .map(rows -> toBatch(rows.iterator().next()));
    }

    // ---- processing -----------------------------------------------------------------------------------------------

    /** Claims the oldest batch nobody holds (or whose holder's lease expired); null when there is none. */
    public Uni<Claimed> claim(String owner, Duration lease) {
        return pool.preparedQuery("""
                update batch b
                   set status = 'PROCESSING', lease_owner = $1, lease_until = now() + make_interval(secs => $2),
                       attempts = b.attempts + 1
                 where b.id = (select id from batch
                                where status in ('RECEIVED', 'PROCESSING') and (lease_until is null or lease_until < now())
                                order by submitted_at
                                limit 1
                                for update skip locked)
                returning b.id, b.kind, b.partner_id, b.dry_run, b.submitted_at, b.attempts, b.staged
                """).execute(Tuple.of(owner, seconds(lease))).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new Claimed(r.getUUID("id"), BatchKind.valueOf(r.getString("kind")), r.getLong("partner_id"),
                    r.getBoolean("dry_run"), r.getOffsetDateTime("submitted_at").toInstant(), r.getInteger("attempts"),
                    r.getInteger("staged"));
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
     * reported on the way) and drops its staged records. False when the lease was lost.
     */
    public Uni<Boolean> complete(Claimed batch, String owner) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                with outcomes as (
                    select count(*) filter (where status = 'ACCEPTED') as accepted,
                           count(*) filter (where status = 'DUPLICATE') as duplicate,
                           count(*) filter (where status = 'REJECTED') as rejected
                      from %s where batch_id = $1
                )
                update batch b
                   set status = 'COMPLETED', completed_at = date_trunc('milliseconds', now()), completed_by = lease_owner,
                       lease_owner = null, lease_until = null,
                       accepted = o.accepted, duplicate = o.duplicate, rejected = o.rejected
                  from outcomes o
                 where b.id = $1 and b.lease_owner = $2 and b.status = 'PROCESSING'
                """.formatted(batch.kind().resultTable())).execute(Tuple.of(batch.id(), owner)).flatMap(updated -> {
            if (updated.rowCount() != 1) {
                return Uni.createFrom().item(false);
            }
            return tx.preparedQuery("delete from " + batch.kind().inputTable() + " where batch_id = $1")
                    .execute(Tuple.of(batch.id())).replaceWith(true);
        }));
    }

    /**
     * Gives up a batch after too many attempts: the records still without an outcome are REJECTED with
     * {@code PROCESSING_FAILED}, so every record still has exactly one outcome, and the batch is FAILED.
     */
    public Uni<Boolean> fail(Claimed batch, String owner, String reason) {
        String inputs = batch.kind().inputTable();
        String results = batch.kind().resultTable();
        return pool.withTransaction(tx -> fence(tx, batch.id(), owner).flatMap(processedUntil -> {
            if (processedUntil == null) {
                return Uni.createFrom().item(false);
            }
            return tx
                    .preparedQuery(
                            """
                                    with failed as (
                                        insert into %s (batch_id, idx, status, external_ref, errors)
                                        select batch_id, idx, 'REJECTED', external_ref,
                                               '[{"field":"","code":"PROCESSING_FAILED","message":"the record could not be processed; submit it again"}]'
                                          from %s where batch_id = $1 and idx > $2
                                        on conflict do nothing
                                        returning 1
                                    )
                                    update batch
                                       set status = 'FAILED', completed_at = date_trunc('milliseconds', now()), failure_reason = $3,
                                           lease_owner = null, lease_until = null, rejected = rejected + (select count(*) from failed)
                                     where id = $1
                                    """
                                    .formatted(results, inputs))
                    .execute(Tuple.of(batch.id(), processedUntil, reason))
                    .flatMap(v -> tx.preparedQuery("delete from " + inputs + " where batch_id = $1")
                            .execute(Tuple.of(batch.id())))
                    .replaceWith(true);
        }));
    }

    /** Marks a batch FAILED, with the records just given up counted as rejected. */
    public Uni<Void> markFailed(SqlClient tx, UUID id, String reason, int failedRecords) {
        return tx.preparedQuery("""
                update batch
                   set status = 'FAILED', completed_at = date_trunc('milliseconds', now()), failure_reason = $2,
                       lease_owner = null, lease_until = null, rejected = rejected + $3
                 where id = $1
                """).execute(Tuple.of(id, reason, failedRecords)).replaceWithVoid();
    }

    /** Hands a batch back (shutdown, or a failed attempt after {@code retryIn}) so any replica may take it over. */
    public Uni<Void> release(UUID id, String owner, Duration retryIn) {
        return pool.preparedQuery("""
                update batch set lease_until = now() + make_interval(secs => $3) where id = $1 and lease_owner = $2
                """).execute(Tuple.of(id, owner, seconds(retryIn))).replaceWithVoid();
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    public Uni<BatchRow> find(BatchKind kind, UUID id, long partnerId) {
        return pool.preparedQuery("select " + COLUMNS + " from batch where id = $1 and partner_id = $2 and kind = $3")
                .execute(Tuple.of(id, partnerId, kind.name())).map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? toBatch(it.next()) : null;
                });
    }

    /** The partner's batches of a kind, newest first, after the given (submittedAt, id) position. */
    public Uni<List<BatchRow>> list(BatchKind kind, long partnerId, Instant beforeSubmittedAt, UUID beforeId, int count) {
        return pool.preparedQuery("""
                select %s from batch
                 where partner_id = $1 and kind = $2 and ($3::timestamptz is null or (submitted_at, id) < ($3, $4))
                 order by submitted_at desc, id desc
                 limit $5
                """.formatted(COLUMNS)).execute(Tuple.of(partnerId, kind.name(),
                beforeSubmittedAt == null ? null : utc(beforeSubmittedAt), beforeId, count)).map(rows -> {
                    List<BatchRow> batches = new ArrayList<>();
                    rows.forEach(r -> batches.add(toBatch(r)));
                    return batches;
                });
    }

    /** Counts of open batches by kind and status, for the metrics gauge. */
    public Uni<List<Object[]>> openBatchCounts() {
        return pool.query("""
                select kind, status, count(*), max(attempts),
                       extract(epoch from now() - min(submitted_at))::bigint as oldest_seconds
                  from batch where status in ('RECEIVED', 'PROCESSING')
                 group by kind, status""").execute().map(rows -> {
            List<Object[]> counts = new ArrayList<>();
            rows.forEach(r -> counts.add(new Object[] { r.getString(0), r.getString(1), r.getLong(2), r.getLong(3),
                    r.getLong(4) }));
            return counts;
        });
    }

    static BatchRow toBatch(Row r) {
        OffsetDateTime completed = r.getOffsetDateTime("completed_at");
        return new BatchRow(r.getUUID("id"), r.getString("status"), r.getBoolean("dry_run"),
                r.getOffsetDateTime("submitted_at").toInstant(), completed == null ? null : completed.toInstant(),
                r.getInteger("received"), r.getInteger("accepted"), r.getInteger("duplicate"), r.getInteger("rejected"));
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
