package id.perisai.api.incentive.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Voiding a registration: the participant row and the ledger lines it produced. */
@ApplicationScoped
public class VoidRepository {

    /** A line still to reverse, with its period's status and what its agent was paid for it if that period closed. */
    public record Reversible(long id, LocalDate period, String periodStatus, long partnerId, Long agentId, int schemeId,
            String type, UUID participantId, String sourceType, UUID sourceId, long basis, BigDecimal rate, long amount,
            Boolean minimumMet) {
    }

    /** The participant's status, locked; null when there is no such participant. */
    public Uni<String> lockParticipant(SqlClient tx, UUID participantId) {
        return tx.preparedQuery("select status from participant where id = $1 for update").execute(Tuple.of(participantId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    public Uni<Void> markVoid(SqlClient tx, UUID participantId, OffsetDateTime at, String reason) {
        return tx.preparedQuery("""
                update participant set status = 'VOID', voided_at = $2, void_reason = $3, updated_at = $2 where id = $1
                """).execute(Tuple.of(participantId, at, reason)).replaceWithVoid();
    }

    /**
     * The participant's ACQUISITION and CONTRIBUTION lines not yet reversed, with a share lock on their periods (a
     * period cannot be closed while its lines are being reversed) and, for closed periods, whether the agent reached
     * the acquisition minimum there.
     */
    public Uni<List<Reversible>> reversibleLines(SqlClient tx, UUID participantId) {
        return tx.preparedQuery("""
                select l.id, l.period, pe.status as period_status, l.partner_id, l.agent_id, l.scheme_id, l.type,
                       l.participant_id, l.source_type, l.source_id, l.basis, l.rate, l.amount, sa.minimum_met
                  from incentive_line l
                  join incentive_period pe on pe.period = l.period
                  left join incentive_statement_agent sa on sa.period = l.period and sa.agent_id = l.agent_id
                 where l.participant_id = $1 and l.type in ('ACQUISITION', 'CONTRIBUTION')
                   and not exists (select 1 from incentive_line r where r.reverses_line_id = l.id)
                 order by l.id
                   for share of pe
                """).execute(Tuple.of(participantId)).map(rows -> {
            List<Reversible> lines = new ArrayList<>();
            for (Row r : rows) {
                lines.add(new Reversible(r.getLong("id"), r.getLocalDate("period"), r.getString("period_status"),
                        r.getLong("partner_id"), r.getLong("agent_id"), r.getInteger("scheme_id"), r.getString("type"),
                        r.getUUID("participant_id"), r.getString("source_type"), r.getUUID("source_id"), r.getLong("basis"),
                        r.getBigDecimal("rate"), r.getLong("amount"), r.getBoolean("minimum_met")));
            }
            return lines;
        });
    }
}
