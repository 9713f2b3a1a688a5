package id.perisai.api.security.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.db.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What every authenticated partner request must know, in one statement on the reactive pool (it runs once per
 * request, inside authentication): the partner's status and quotas, the token's client, and today's record usage; and
 * it counts the request in the partner's current one-minute window, so the request rate holds across replicas.
 */
@ApplicationScoped
public class TokenSubjectRepository {

    /** The partner named by a token, its client's state, its limits and its usage. */
    public record TokenSubject(long partnerId, String partnerStatus, boolean clientKnown, Long clientPartnerId,
            boolean clientRevoked, long registrationsPerDay, long contributionsPerDay, int maxBatchRecords,
            long requestsPerMinute, long registrationsUsed, long contributionsUsed, long requestsUsed) {
    }

    private final Pool pool;

    public TokenSubjectRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param window start of the current one-minute window
     * @param day the current WIB day
     * @return null when no partner has this code
     */
    public Uni<TokenSubject> find(String partnerCode, String clientId, Instant window, LocalDate day) {
        return pool.preparedQuery("""
                with p as (
                    select id, status, registrations_per_day, contributions_per_day, max_batch_records,
                           requests_per_minute
                      from partner where code = $1 and %s
                ), counted as (
                    insert into request_usage as r (partner_id, window_start, used)
                    select id, $3, 1 from p
                    on conflict (partner_id, window_start) do update set used = r.used + 1
                    returning used
                )
                select p.*, (select used from counted) as requests_used,
                       coalesce((select used from quota_usage q
                                  where q.partner_id = p.id and q.quota = 'registrations' and q.day = $4), 0)
                           as registrations_used,
                       coalesce((select used from quota_usage q
                                  where q.partner_id = p.id and q.quota = 'contributions' and q.day = $4), 0)
                           as contributions_used,
                       c.id as client_pk, c.partner_id as client_partner_id, c.revoked_at is not null as client_revoked
                  from p left join oauth_client c on c.client_id = $2
                """.formatted(Db.COMMIT_WITHOUT_WAITING_FOR_DISK))
                .execute(Tuple.of(partnerCode, clientId, window.atOffset(ZoneOffset.UTC), day)).map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new TokenSubject(r.getLong("id"), r.getString("status"), r.getLong("client_pk") != null,
                            r.getLong("client_partner_id"), Boolean.TRUE.equals(r.getBoolean("client_revoked")),
                            r.getInteger("registrations_per_day"), r.getInteger("contributions_per_day"),
                            r.getInteger("max_batch_records"), r.getInteger("requests_per_minute"),
                            r.getLong("registrations_used"), r.getLong("contributions_used"), r.getLong("requests_used"));
                });
    }

    /** @return true when the client exists and is not revoked (for tokens without a partner). */
    public Uni<Boolean> clientActive(String clientId) {
        return pool.preparedQuery("select revoked_at is null from oauth_client where client_id = $1")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() && Boolean.TRUE.equals(it.next().getBoolean(0));
                });
    }
}
