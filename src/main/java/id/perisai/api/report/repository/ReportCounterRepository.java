package id.perisai.api.report.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The fold of the report counters' journal: moves {@code report_counter_delta}'s rows into {@code report_counter}
 * (migration V18). The triggers append to the journal in every writing transaction, which never waits on another
 * writer; folding keeps the rows a report reads few (one per key and month, whatever the number of writes).
 * <p>
 * Safe across replicas: one fold at a time under a transaction-scoped advisory lock (a replica that does not get it
 * skips, the holder folds everything committed); the journal rows are deleted and added to the counters in the same
 * transaction with additive {@code ON CONFLICT DO UPDATE}, so nothing is counted twice or lost, and a report — one
 * statement over both tables — sees either the rows or their sum. Rows of transactions still open are not visible to
 * the fold and are left for the next.
 */
@ApplicationScoped
public class ReportCounterRepository {

    /** The advisory lock key of the fold ('RPTC'). */
    static final long FOLD_LOCK = 0x52505443L;

    static final String[] SUMS = { "registrations", "reactivations", "contributions", "contribution_amount",
            "acquisitions", "paid3", "paid6", "paid12", "lapsed", "active_change", "incentive_lines", "incentives" };

    static final String FOLD = foldSql();

    private final Pool pool;

    public ReportCounterRepository(Pool pool) {
        this.pool = pool;
    }

    /** Folds the journal; the number of journal rows folded (0 when another replica holds the fold). */
    public Uni<Integer> fold() {
        return pool.withTransaction(tx -> tx.query("select pg_try_advisory_xact_lock(" + FOLD_LOCK + ") as got")
                .execute().flatMap(rows -> {
                    if (!rows.iterator().next().getBoolean("got")) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.query(FOLD).execute().map(r -> r.iterator().next().getInteger("n"));
                }));
    }

    private static String foldSql() {
        StringBuilder sums = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (String c : SUMS) {
            sums.append(", sum(").append(c).append(")");
            set.append(set.isEmpty() ? "" : ", ").append(c).append(" = report_counter.").append(c).append(" + excluded.")
                    .append(c);
        }
        // keys in order: two folds never run at once, but the order also keeps this from deadlocking with a rebuild
        return "with moved as (delete from report_counter_delta returning *),"
                + " added as (insert into report_counter (" + ReportRepository.COUNTERS + ")"
                + " select partner_id, agent_id, month" + sums + " from moved group by 1, 2, 3 order by 1, 2, 3"
                + " on conflict on constraint report_counter_uk do update set " + set + " returning 1)"
                + " select (select count(*) from moved)::int as n";
    }
}
