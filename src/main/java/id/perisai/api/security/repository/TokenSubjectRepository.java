package id.perisai.api.security.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads what every authenticated request must know about its token's partner and client. It runs once per request
 * inside authentication, so it uses the reactive pool directly (one indexed lookup, no ORM session).
 */
@ApplicationScoped
public class TokenSubjectRepository {

    /** The partner named by a token and, when the token names its client, that client's state. */
    public record TokenSubject(long partnerId, String partnerStatus, boolean clientKnown, Long clientPartnerId,
            boolean clientRevoked) {
    }

    private final Pool pool;

    public TokenSubjectRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return null when no partner has this code */
    public Uni<TokenSubject> find(String partnerCode, String clientId) {
        return pool.preparedQuery("""
                select p.id, p.status, c.id as client_pk, c.partner_id as client_partner_id,
                       c.revoked_at is not null as client_revoked
                  from partner p
                  left join oauth_client c on c.client_id = $2
                 where p.code = $1
                """).execute(Tuple.of(partnerCode, clientId)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new TokenSubject(row.getLong("id"), row.getString("status"), row.getLong("client_pk") != null,
                    row.getLong("client_partner_id"), Boolean.TRUE.equals(row.getBoolean("client_revoked")));
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
