package id.perisai.api.contribution.repository;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.contribution.dto.ContributionResponse;
import id.perisai.api.contribution.dto.QuoteResponse.MonthDue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reading accepted contributions. */
@ApplicationScoped
public class ContributionRepository {

    private final Pool pool;

    public ContributionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * A participant's contributions by period, with their covered months, after the given period start; the payment
     * reference only of the payments the reading partner posted.
     */
    public Uni<List<ContributionResponse>> ofParticipant(UUID participantId, long readerPartnerId,
            LocalDate afterPeriodStart, int count) {
        return pool
                .preparedQuery(
                        """
                                with page as (
                                    select * from contribution
                                     where participant_id = $1 and period_start > $2
                                     order by period_start
                                     limit $3
                                )
                                select c.id, case when c.partner_id = $4 then c.payment_ref end as own_payment_ref, c.period_start, c.months, c.amount, c.payer_type, c.payer_name, c.paid_at, c.accepted_at,
                                       m.month, m.jkk, m.jkm, m.jht, m.discounted
                                  from page c join contribution_month m on m.contribution_id = c.id
                                 order by c.period_start, m.month
                                """)
                .execute(Tuple.of(participantId, afterPeriodStart, count, readerPartnerId)).map(rows -> {
                    Map<UUID, List<MonthDue>> months = new LinkedHashMap<>();
                    Map<UUID, Row> heads = new LinkedHashMap<>();
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        heads.putIfAbsent(id, r);
                        months.computeIfAbsent(id, k -> new ArrayList<>()).add(new MonthDue(
                                YearMonth.from(r.getLocalDate("month")).toString(), r.getLong("jkk"), r.getLong("jkm"),
                                r.getLong("jht"), r.getBoolean("discounted")));
                    }
                    List<ContributionResponse> contributions = new ArrayList<>();
                    heads.forEach((id, r) -> contributions.add(new ContributionResponse(id, r.getString("own_payment_ref"),
                            YearMonth.from(r.getLocalDate("period_start")).toString(), r.getInteger("months"),
                            r.getLong("amount"),
                            r.getString("payer_type"), r.getString("payer_name"), r.getOffsetDateTime("paid_at"),
                            r.getOffsetDateTime("accepted_at").toInstant(), List.copyOf(months.get(id)))));
                    return contributions;
                });
    }

    /** The contribution basis of a non-void participant named by NIK (income, occupation, JHT), or null. */
    public Uni<Row> basisByNikIndex(byte[] nikIndex) {
        return pool.preparedQuery("""
                select monthly_income, occupation, jht from participant
                 where nik_index = $1 and status <> 'VOID' and monthly_income is not null
                """).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(nikIndex)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }
}
