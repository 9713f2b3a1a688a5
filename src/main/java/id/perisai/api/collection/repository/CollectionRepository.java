package id.perisai.api.collection.repository;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.collection.rules.CollectionRule;
import id.perisai.api.participant.rules.Coverage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The participants a partner manages whose coverage needs a payment for a month, in {@code lapsesOn} then id order.
 * The status is derived in SQL with {@link CollectionRule#STATUS_SQL} (to filter and page), and again in Java by the
 * service, which also prices the months.
 */
@ApplicationScoped
public class CollectionRepository {

    /** A listed participant as stored. */
    public record DueRow(UUID id, String nikMasked, String fullName, String phone, String agentCode,
            LocalDate registrationMonth, LocalDate coveredUntil, String storedStatus, long monthlyIncome, String occupation,
            boolean jht) {
    }

    /**
     * The participants a collection lists, as the predicate of {@code participant_collection_idx} (V16), so a query
     * of one partner's participants in {@link #LAPSES_ON} order is a range scan of that index.
     */
    static final String LISTED = "p.status <> 'VOID' and p.monthly_income is not null and p.occupation is not null";

    /** {@link CollectionRule#lapsesOn} of participant {@code p}, the expression {@code participant_collection_idx} holds. */
    static final String LAPSES_ON = CollectionRule.lapsesOnSql("f.first_unpaid");

    /** The lateral join that names {@code p}'s first unpaid month {@code f.first_unpaid}. */
    static final String FIRST_UNPAID = "cross join lateral (select " + Coverage.firstUnpaidSql("p") + " as first_unpaid) f";

    static final String SELECT = """
            select * from (
                select p.id, p.nik_masked, p.full_name, p.phone, a.agent_code, p.registration_month, p.covered_until,
                       p.status, p.monthly_income, p.occupation, p.jht, f.first_unpaid,
                       %s as lapses_on, %s as collection_status
                  from participant p
                  left join agent a on a.id = p.agent_id
                  %s
                 where p.partner_id = $1 and %s and f.first_unpaid <= $3
            ) d
             where ($4::text is null or d.agent_code = $4) and ($5::text is null or d.collection_status = $5)
            """.formatted(LAPSES_ON, CollectionRule.STATUS_SQL, FIRST_UNPAID, LISTED);

    private final Pool pool;

    public CollectionRepository(Pool pool) {
        this.pool = pool;
    }

    /** A page: rows after ({@code afterLapsesOn}, {@code afterId}) when given, at most {@code count}. */
    public Uni<List<DueRow>> page(long partnerId, YearMonth current, YearMonth month, String agentCode, String status,
            LocalDate afterLapsesOn, UUID afterId, int count) {
        String sql = SELECT + " and ($6::date is null or (d.lapses_on, d.id) > ($6, $7::uuid))"
                + " order by d.lapses_on, d.id limit $8";
        return pool.preparedQuery(sql).execute(Tuple.from(new Object[] { partnerId, current.atDay(1), month.atDay(1),
                agentCode, status, afterLapsesOn, afterId, count })).map(CollectionRepository::rows);
    }

    /** Every listed row (the summary and the CSV list). */
    public Uni<List<DueRow>> all(long partnerId, YearMonth current, YearMonth month, String agentCode, String status) {
        return pool.preparedQuery(SELECT + " order by d.lapses_on, d.id")
                .execute(Tuple.from(new Object[] { partnerId, current.atDay(1), month.atDay(1), agentCode, status }))
                .map(CollectionRepository::rows);
    }

    static List<DueRow> rows(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<DueRow> found = new ArrayList<>();
        for (Row r : rows) {
            found.add(new DueRow(r.getUUID("id"), r.getString("nik_masked"), r.getString("full_name"), r.getString("phone"),
                    r.getString("agent_code"), r.getLocalDate("registration_month"), r.getLocalDate("covered_until"),
                    r.getString("status"), r.getLong("monthly_income"), r.getString("occupation"),
                    Boolean.TRUE.equals(r.getBoolean("jht"))));
        }
        return found;
    }
}
