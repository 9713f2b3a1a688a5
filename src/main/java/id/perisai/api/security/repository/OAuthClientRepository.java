package id.perisai.api.security.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class OAuthClientRepository implements PanacheRepository<OAuthClient> {

    /** What the token endpoint needs to know about a client and its partner. */
    public record ClientCredentials(long id, String clientId, String secretHash, String scopes, boolean revoked,
            String partnerCode, String partnerStatus) {
    }

    private final Pool pool;

    public OAuthClientRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<OAuthClient> findOfPartner(long partnerId, String clientId) {
        return find("clientId = :clientId and partnerId = :partnerId",
                Parameters.with("clientId", clientId).and("partnerId", partnerId)).firstResult();
    }

    public Uni<List<OAuthClient>> listOfPartner(long partnerId, String afterClientId, int count) {
        return find("partnerId = :partnerId and clientId > :after order by clientId",
                Parameters.with("partnerId", partnerId).and("after", afterClientId == null ? "" : afterClientId))
                .range(0, count - 1).list();
    }

    /**
     * The client with its partner's code and status, for the token endpoint. A single indexed read on the pool: the
     * token endpoint needs no ORM session and must stay cheap next to the deliberately slow secret check.
     *
     * @return null when there is no such client
     */
    public Uni<ClientCredentials> findCredentials(String clientId) {
        return pool.preparedQuery("""
                select c.id, c.client_id, c.secret_hash, c.scopes, c.revoked_at is not null as revoked,
                       p.code as partner_code, p.status as partner_status
                  from oauth_client c
                  left join partner p on p.id = c.partner_id
                 where c.client_id = $1
                """).execute(Tuple.of(clientId)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new ClientCredentials(r.getLong("id"), r.getString("client_id"), r.getString("secret_hash"),
                    r.getString("scopes"), r.getBoolean("revoked"), r.getString("partner_code"),
                    r.getString("partner_status"));
        });
    }
}
