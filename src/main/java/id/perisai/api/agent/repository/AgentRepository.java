package id.perisai.api.agent.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class AgentRepository implements PanacheRepository<Agent> {

    /** An agent's id and status by code, for validating registration records in bulk. */
    public record AgentKey(String agentCode, long id, String status) {
    }

    private final Pool pool;

    public AgentRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Agent> findOfPartner(long partnerId, String agentCode) {
        return find("partnerId = :partnerId and agentCode = :code",
                Parameters.with("partnerId", partnerId).and("code", agentCode)).firstResult();
    }

    public Uni<Boolean> existsWithNikIndex(byte[] nikIndex) {
        return count("nikIndex", (Object) nikIndex).map(n -> n > 0);
    }

    public Uni<List<Agent>> listOfPartner(long partnerId, String afterCode, AgentStatus status, int count) {
        Parameters params = Parameters.with("partnerId", partnerId).and("after", afterCode == null ? "" : afterCode);
        String query = "partnerId = :partnerId and agentCode > :after";
        if (status != null) {
            query += " and status = :status";
            params = params.and("status", status);
        }
        return find(query + " order by agentCode", params).range(0, count - 1).list();
    }

    /**
     * Every agent of a partner (code, id, status): a registration upload validates its records against this map
     * instead of querying per record.
     */
    public Uni<List<AgentKey>> keysOfPartner(long partnerId) {
        return pool.preparedQuery("select agent_code, id, status from agent where partner_id = $1")
                .execute(Tuple.of(partnerId))
                .map(rows -> {
                    List<AgentKey> keys = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        keys.add(new AgentKey(r.getString(0), r.getLong(1), r.getString(2)));
                    }
                    return keys;
                });
    }
}
