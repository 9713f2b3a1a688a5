package id.perisai.api.quota.repository;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Daily record quotas: consumed only by one conditional statement, in the transaction of the work it pays for. */
@ApplicationScoped
public class QuotaRepository {

    private final Pool pool;

    public QuotaRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds {@code records} to the partner's usage of the quota on that WIB day if, and only if, the total stays within
     * the partner's current limit. Concurrent transactions serialise on the usage row and the condition is re-checked
     * against the latest committed total, so no interleaving can exceed the limit.
     *
     * @return the new total, or null when the records do not fit (nothing changed)
     */
    public Uni<Long> consume(SqlClient tx, long partnerId, String quota, LocalDate day, long records) {
        String limit = "registrations".equals(quota) ? "registrations_per_day" : "contributions_per_day";
        return tx.preparedQuery("""
                insert into quota_usage as u (partner_id, quota, day, used)
                select p.id, $2::varchar, $3::date, $4::bigint from partner p where p.id = $1 and $4::bigint <= p.%1$s
                on conflict (partner_id, quota, day) do update
                   set used = u.used + excluded.used
                 where u.used + excluded.used <= (select p.%1$s from partner p where p.id = u.partner_id)
                returning used
                """.formatted(limit)).execute(Tuple.of(partnerId, quota, day, records)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? it.next().getLong(0) : null;
        });
    }

    /** Drops request counters of past windows and usage older than 90 days; any replica may run it. */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.query("delete from request_usage where window_start < now() - interval '10 minutes'").execute()
                .flatMap(v -> pool.query("delete from quota_usage where day < current_date - 90").execute())
                .replaceWithVoid();
    }
}
