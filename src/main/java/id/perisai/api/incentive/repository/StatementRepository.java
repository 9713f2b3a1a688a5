package id.perisai.api.incentive.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.incentive.dto.AgentStatementResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Statements frozen when a period is closed (incentive_statement, incentive_statement_agent). */
@ApplicationScoped
public class StatementRepository {

    /** A partner's frozen statement totals. */
    public record Frozen(long partnerId, int schemeId, long agentTotal, long partnerFee, long grandTotal) {
    }

    /** An agent's frozen statement line. */
    public record FrozenAgent(long partnerId, long agentId, String agentCode, int acquisitions, long acquisitionIncentive,
            long contributionIncentive, long reversals, long total, long partnerShare, boolean minimumMet) {
        public AgentStatementResponse response() {
            return new AgentStatementResponse(agentCode, acquisitions, acquisitionIncentive, contributionIncentive,
                    reversals, total);
        }
    }

    /** One transfer of a closed period, with the account number still encrypted. */
    public record PayoutRow(String partnerCode, String partnerName, String payee, String agentCode, String accountName,
            String bankCode, byte[] accountCipher, long amount, boolean held) {
    }

    private final Pool pool;

    public StatementRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Frozen> statement(LocalDate period, long partnerId) {
        return pool.preparedQuery("select * from incentive_statement where period = $1 and partner_id = $2")
                .execute(Tuple.of(period, partnerId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Frozen(partnerId, r.getInteger("scheme_id"), r.getLong("agent_total"),
                            r.getLong("partner_fee"), r.getLong("grand_total"));
                });
    }

    /** The frozen agent lines of a partner's statement (or of one agent), by agent code. */
    public Uni<List<FrozenAgent>> agents(LocalDate period, long partnerId, Long agentId) {
        return pool.preparedQuery("""
                select s.*, a.agent_code from incentive_statement_agent s join agent a on a.id = s.agent_id
                 where s.period = $1 and s.partner_id = $2 and ($3::int8 is null or s.agent_id = $3)
                 order by a.agent_code
                """).execute(Tuple.of(period, partnerId, agentId)).map(rows -> {
            List<FrozenAgent> agents = new ArrayList<>();
            for (Row r : rows) {
                agents.add(new FrozenAgent(partnerId, r.getLong("agent_id"), r.getString("agent_code"),
                        r.getInteger("acquisitions"), r.getLong("acquisition_incentive"),
                        r.getLong("contribution_incentive"), r.getLong("reversals"), r.getLong("total"),
                        r.getLong("partner_share"), r.getBoolean("minimum_met")));
            }
            return agents;
        });
    }

    /** Freezes the statements of a period being closed: partners' totals, then their agents' lines. */
    public Uni<Void> freeze(SqlClient tx, LocalDate period, int schemeId, List<Frozen> statements,
            List<FrozenAgent> agents) {
        if (statements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                insert into incentive_statement (period, partner_id, scheme_id, agent_total, partner_fee, grand_total)
                select $1, t.partner_id, $2, t.agent_total, t.partner_fee, t.grand_total
                  from unnest($3::int8[], $4::int8[], $5::int8[], $6::int8[])
                    as t(partner_id, agent_total, partner_fee, grand_total)
                """)
                .execute(Tuple.of(period, schemeId,
                        statements.stream().map(Frozen::partnerId).toArray(Long[]::new),
                        statements.stream().map(Frozen::agentTotal).toArray(Long[]::new),
                        statements.stream().map(Frozen::partnerFee).toArray(Long[]::new),
                        statements.stream().map(Frozen::grandTotal).toArray(Long[]::new)))
                .flatMap(v -> tx.preparedQuery("""
                        insert into incentive_statement_agent (period, partner_id, agent_id, acquisitions,
                                                               acquisition_incentive, contribution_incentive, reversals,
                                                               total, partner_share, minimum_met)
                        select $1, t.* from unnest($2::int8[], $3::int8[], $4::int4[], $5::int8[], $6::int8[],
                                                   $7::int8[], $8::int8[], $9::int8[], $10::bool[]) as t
                        """).execute(Tuple.from(new Object[] { period,
                        agents.stream().map(FrozenAgent::partnerId).toArray(Long[]::new),
                        agents.stream().map(FrozenAgent::agentId).toArray(Long[]::new),
                        agents.stream().map(FrozenAgent::acquisitions).toArray(Integer[]::new),
                        agents.stream().map(FrozenAgent::acquisitionIncentive).toArray(Long[]::new),
                        agents.stream().map(FrozenAgent::contributionIncentive).toArray(Long[]::new),
                        agents.stream().map(FrozenAgent::reversals).toArray(Long[]::new),
                        agents.stream().map(FrozenAgent::total).toArray(Long[]::new),
                        agents.stream().map(FrozenAgent::partnerShare).toArray(Long[]::new),
                        agents.stream().map(FrozenAgent::minimumMet).toArray(Boolean[]::new) })))
                .replaceWithVoid();
    }

    /** Marks the period CLOSED. */
    public Uni<Void> markClosed(SqlClient tx, LocalDate period, Integer schemeId, OffsetDateTime closedAt, String by) {
        return tx.preparedQuery("""
                update incentive_period set status = 'CLOSED', scheme_id = $2, closed_at = $3, closed_by = $4
                 where period = $1
                """).execute(Tuple.of(period, schemeId, closedAt, by)).replaceWithVoid();
    }

    /**
     * The transfers of a closed period: per partner (by code), each agent with a non-zero total (by agent code), then
     * the partner's fee, with the accounts as they are now. An agent's line is held while the agent has an OPEN HIGH
     * fraud signal (growth.md §4), as of this export: clearing the signal releases it in the next one.
     */
    public Uni<List<PayoutRow>> payouts(LocalDate period) {
        return pool.preparedQuery("""
                select * from (
                    select p.code as partner_code, p.name as partner_name, 'AGENT' as payee, a.agent_code,
                           a.bank_account_name as account_name, a.bank_code, a.bank_account_cipher as account_cipher,
                           s.total as amount, 0 as payee_order,
                           exists (select 1 from fraud_signal f
                                    where f.agent_id = a.id and f.status = 'OPEN' and f.severity = 'HIGH') as held
                      from incentive_statement_agent s
                      join agent a on a.id = s.agent_id
                      join partner p on p.id = s.partner_id
                     where s.period = $1 and s.total <> 0
                    union all
                    select p.code, p.name, 'PARTNER', null, p.payout_account_name, p.payout_bank_code,
                           p.payout_account_cipher, st.partner_fee, 1, false
                      from incentive_statement st
                      join partner p on p.id = st.partner_id
                     where st.period = $1 and st.partner_fee <> 0
                ) rows
                 order by partner_code, payee_order, agent_code
                """).execute(Tuple.of(period)).map(rows -> {
            List<PayoutRow> payouts = new ArrayList<>();
            for (Row r : rows) {
                payouts.add(new PayoutRow(r.getString("partner_code"), r.getString("partner_name"), r.getString("payee"),
                        r.getString("agent_code"), r.getString("account_name"), r.getString("bank_code"),
                        r.getBuffer("account_cipher") == null ? null : r.getBuffer("account_cipher").getBytes(),
                        r.getLong("amount"), r.getBoolean("held")));
            }
            return payouts;
        });
    }
}
