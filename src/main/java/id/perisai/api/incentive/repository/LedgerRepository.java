package id.perisai.api.incentive.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.incentive.dto.LedgerLineResponse;
import id.perisai.api.incentive.scheme.SchemeCalculator;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The incentive ledger and its periods. Lines are only ever inserted. Reactive pool with {@code unnest} arrays: lines
 * are written by the contribution batch path, many per statement.
 */
@ApplicationScoped
public class LedgerRepository {

    /** A line to insert. */
    public record NewLine(LocalDate period, long partnerId, Long agentId, int schemeId, String type, UUID participantId,
            String sourceType, UUID sourceId, long basis, BigDecimal rate, long amount, UUID contributionId,
            Long reversesLineId, String reversedType, LocalDate reversedPeriod) {
    }

    /** An agent's lines of a period, summed (reversals within the period netted against what they reverse). */
    public record AgentSums(long partnerId, long agentId, String agentCode, int acquisitions, long acquisitionAmounts,
            long contributionAmounts, long clawbacks) {
    }

    private final Pool pool;

    public LedgerRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Makes sure the period exists and holds a share lock on it until the transaction ends (closing needs the lock
     * exclusively, so no line can enter a period being closed); returns its status.
     */
    public Uni<String> lockPeriodShared(SqlClient tx, LocalDate period) {
        return ensurePeriod(tx, period).flatMap(v -> tx
                .preparedQuery("select status from incentive_period where period = $1 for share")
                .execute(Tuple.of(period)).map(rows -> rows.iterator().next().getString(0)));
    }

    /** Makes sure the period exists and locks it for closing; returns its status. */
    public Uni<String> lockPeriodExclusive(SqlClient tx, LocalDate period) {
        return ensurePeriod(tx, period).flatMap(v -> tx
                .preparedQuery("select status from incentive_period where period = $1 for update")
                .execute(Tuple.of(period)).map(rows -> rows.iterator().next().getString(0)));
    }

    private static Uni<Void> ensurePeriod(SqlClient tx, LocalDate period) {
        return tx.preparedQuery("insert into incentive_period (period, status) values ($1, 'OPEN') on conflict do nothing")
                .execute(Tuple.of(period)).replaceWithVoid();
    }

    /** The status and close time of a period: null when nothing has happened in it yet (it is OPEN). */
    public Uni<Row> period(LocalDate period) {
        return pool.preparedQuery("select status, scheme_id, closed_at from incentive_period where period = $1")
                .execute(Tuple.of(period)).map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    /**
     * Inserts lines in one statement. With {@code onlyForStoredContributions}, a line produced by a contribution is
     * kept only if that contribution was stored in this transaction (one that lost a race on its payment reference
     * earns nothing). Returns the number inserted.
     */
    public Uni<Integer> insert(SqlClient tx, List<NewLine> lines, OffsetDateTime createdAt,
            boolean onlyForStoredContributions) {
        if (lines.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Object[] p = new Object[] {
                lines.stream().map(NewLine::period).toArray(LocalDate[]::new),
                lines.stream().map(NewLine::partnerId).toArray(Long[]::new),
                lines.stream().map(NewLine::agentId).toArray(Long[]::new),
                lines.stream().map(NewLine::schemeId).toArray(Integer[]::new),
                lines.stream().map(NewLine::type).toArray(String[]::new),
                lines.stream().map(NewLine::participantId).toArray(UUID[]::new),
                lines.stream().map(NewLine::sourceType).toArray(String[]::new),
                lines.stream().map(NewLine::sourceId).toArray(UUID[]::new),
                lines.stream().map(NewLine::basis).toArray(Long[]::new),
                lines.stream().map(NewLine::rate).toArray(BigDecimal[]::new),
                lines.stream().map(NewLine::amount).toArray(Long[]::new),
                lines.stream().map(NewLine::contributionId).toArray(UUID[]::new),
                lines.stream().map(NewLine::reversesLineId).toArray(Long[]::new),
                lines.stream().map(NewLine::reversedType).toArray(String[]::new),
                lines.stream().map(NewLine::reversedPeriod).toArray(LocalDate[]::new),
                createdAt, onlyForStoredContributions };
        return tx.preparedQuery("""
                insert into incentive_line (period, partner_id, agent_id, scheme_id, type, participant_id, source_type,
                                            source_id, basis, rate, amount, contribution_id, reverses_line_id,
                                            reversed_type, reversed_period, created_at)
                select t.*, $16
                  from unnest($1::date[], $2::int8[], $3::int8[], $4::int4[], $5::text[], $6::uuid[], $7::text[],
                              $8::uuid[], $9::int8[], $10::numeric[], $11::int8[], $12::uuid[], $13::int8[], $14::text[],
                              $15::date[])
                    as t(period, partner_id, agent_id, scheme_id, type, participant_id, source_type, source_id, basis,
                         rate, amount, contribution_id, reverses_line_id, reversed_type, reversed_period)
                 where not $17 or t.contribution_id is null
                    or exists (select 1 from contribution c where c.id = t.contribution_id)
                on conflict do nothing
                """).execute(Tuple.from(p)).map(rows -> rows.rowCount());
    }

    /** Per agent, the lines of a period, summed; of one partner, or of all (partnerId null). */
    public Uni<List<AgentSums>> agentSums(SqlClient client, LocalDate period, Long partnerId) {
        return client.preparedQuery("""
                with sums as (
                    select l.partner_id, l.agent_id,
                           count(*) filter (where l.type = 'ACQUISITION')
                             - count(*) filter (where l.type = 'REVERSAL' and l.reversed_type = 'ACQUISITION'
                                                  and l.reversed_period = l.period) as acquisitions,
                           coalesce(sum(l.amount) filter (where l.type = 'ACQUISITION'
                               or (l.type = 'REVERSAL' and l.reversed_type = 'ACQUISITION'
                                   and l.reversed_period = l.period)), 0) as acquisition_amounts,
                           coalesce(sum(l.amount) filter (where l.type = 'CONTRIBUTION'
                               or (l.type = 'REVERSAL' and l.reversed_type = 'CONTRIBUTION'
                                   and l.reversed_period = l.period)), 0) as contribution_amounts,
                           coalesce(sum(l.amount) filter (where l.type = 'REVERSAL'
                                                            and l.reversed_period <> l.period), 0) as clawbacks
                      from incentive_line l
                     where l.period = $1 and ($2::int8 is null or l.partner_id = $2) and l.agent_id is not null
                     group by l.partner_id, l.agent_id
                )
                select s.*, a.agent_code from sums s join agent a on a.id = s.agent_id
                 order by s.partner_id, a.agent_code
                """).execute(Tuple.of(period, partnerId)).map(rows -> {
            List<AgentSums> sums = new ArrayList<>();
            for (Row r : rows) {
                sums.add(new AgentSums(r.getLong("partner_id"), r.getLong("agent_id"), r.getString("agent_code"),
                        r.getLong("acquisitions").intValue(), r.getLong("acquisition_amounts"),
                        r.getLong("contribution_amounts"), r.getLong("clawbacks")));
            }
            return sums;
        });
    }

    /** An agent's lines of a period after a line id, oldest first. */
    public Uni<List<LedgerLineResponse>> agentLines(long agentId, LocalDate period, long afterId, int count) {
        return pool.preparedQuery("""
                select id, type, participant_id, source_id, basis, rate, amount, reverses_line_id, created_at
                  from incentive_line
                 where agent_id = $1 and period = $2 and id > $3
                 order by id
                 limit $4
                """).execute(Tuple.of(agentId, period, afterId, count)).map(rows -> {
            List<LedgerLineResponse> lines = new ArrayList<>();
            for (Row r : rows) {
                lines.add(new LedgerLineResponse(r.getLong("id"), r.getString("type"), r.getUUID("participant_id"),
                        r.getUUID("source_id"), r.getLong("basis"), SchemeCalculator.plain(r.getBigDecimal("rate")),
                        r.getLong("amount"), r.getLong("reverses_line_id"), r.getOffsetDateTime("created_at").toInstant()));
            }
            return lines;
        });
    }
}
