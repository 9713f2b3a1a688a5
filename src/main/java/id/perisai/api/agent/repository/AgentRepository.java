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
     * Makes INACTIVE, in one statement, every ACTIVE agent that became ACTIVE before {@code since} and has no
     * acquisition (not reversed) in a period from {@code sincePeriod} on, writing an audit row for each; returns the
     * codes changed. Replicas running it at once change each agent once: a second statement waits for the first's row
     * locks and then finds the agent no longer ACTIVE.
     */
    public Uni<List<String>> deactivateIdle(java.time.OffsetDateTime since, java.time.LocalDate sincePeriod,
            java.time.OffsetDateTime now, String details) {
        return pool.preparedQuery("""
                with idle as (
                    update agent a set status = 'INACTIVE', updated_at = $3, version = a.version + 1
                     where a.status = 'ACTIVE' and a.active_since < $1
                       and not exists (select 1 from incentive_line l
                                        where l.agent_id = a.id and l.type = 'ACQUISITION' and l.period >= $2
                                          and not exists (select 1 from incentive_line r where r.reverses_line_id = l.id))
                    returning a.agent_code, a.partner_id
                ),
                audited as (
                    insert into audit_log (occurred_at, action, subject, partner_code, resource_type, resource_id, details)
                    select $3, 'AGENT_DEACTIVATED', 'system:agent-inactivity', p.code, 'agent', i.agent_code, $4
                      from idle i join partner p on p.id = i.partner_id
                    returning resource_id
                )
                select resource_id from audited order by resource_id
                """).execute(Tuple.of(since, sincePeriod, now, details)).map(rows -> {
            List<String> codes = new java.util.ArrayList<>();
            rows.forEach(r -> codes.add(r.getString(0)));
            return codes;
        });
    }

    /** The id of the partner's agent with this code, or null (another partner's agent is not found either). */
    public Uni<Long> idOfPartner(long partnerId, String agentCode) {
        return pool.preparedQuery("select id from agent where partner_id = $1 and agent_code = $2")
                .execute(Tuple.of(partnerId, agentCode))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
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
