package id.perisai.api.participant.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.participant.rules.Coverage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The participant registry. Participants are written in bulk by set-based statements (see
 * {@code RegistrationBatchRepository}), so this table is read and written through the reactive pool rather than as
 * ORM entities.
 */
@ApplicationScoped
public class ParticipantRepository {

    /** A participant as partners may see it (the NIK only masked). */
    public record ParticipantRow(UUID id, String nikMasked, String fullName, String gender, LocalDate birthDate,
            String occupation, Long monthlyIncome, boolean jht, String status, Instant registeredAt, String agentCode,
            LocalDate coveredUntil, LocalDate registrationMonth) {
    }

    /** The registry state of a NIK. */
    public record RegistryEntry(UUID id, String status) {
    }

    static final String STATUS = "case when p.status = 'VOID' then 'VOID' when " + Coverage.lapsedSql("p", "$1")
            + " then 'LAPSED' else 'ACTIVE' end";

    /** $1 is the current month (first day): the status is derived with the lapse rule. */
    static final String SELECT = "select p.id, p.nik_masked, p.full_name, p.gender, p.birth_date, p.occupation,"
            + " p.monthly_income, p.jht, " + STATUS + " as status, p.registered_at, a.agent_code,"
            + " p.covered_until, p.registration_month from participant p left join agent a on a.id = p.agent_id ";

    private final Pool pool;

    public ParticipantRepository(Pool pool) {
        this.pool = pool;
    }

    /** The participant with this blind index and its status this month, or null. */
    public Uni<RegistryEntry> findByNikIndex(byte[] nikIndex, LocalDate currentMonth) {
        return pool.preparedQuery("select p.id, " + STATUS + " as status from participant p where p.nik_index = $2")
                .execute(Tuple.of(currentMonth, io.vertx.core.buffer.Buffer.buffer(nikIndex)))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new RegistryEntry(r.getUUID("id"), r.getString("status"));
                });
    }

    /** The participant, if the partner registered it or manages it; else null. */
    public Uni<ParticipantRow> findVisibleTo(UUID id, long partnerId, java.time.YearMonth currentMonth) {
        return one(SELECT + " where p.id = $2 and (p.partner_id = $3 or p.registered_by_partner_id = $3)",
                Tuple.of(currentMonth.atDay(1), id, partnerId));
    }

    /** The participant with this blind index, if the partner registered it or manages it; else null. */
    public Uni<ParticipantRow> findVisibleToByNikIndex(byte[] nikIndex, long partnerId,
            java.time.YearMonth currentMonth) {
        return one(SELECT + " where p.nik_index = $2 and (p.partner_id = $3 or p.registered_by_partner_id = $3)",
                Tuple.of(currentMonth.atDay(1), io.vertx.core.buffer.Buffer.buffer(nikIndex), partnerId));
    }

    private Uni<ParticipantRow> one(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? toRow(it.next()) : null;
        });
    }

    static ParticipantRow toRow(Row r) {
        return new ParticipantRow(r.getUUID("id"), r.getString("nik_masked"), r.getString("full_name"),
                r.getString("gender"), r.getLocalDate("birth_date"), r.getString("occupation"),
                r.getLong("monthly_income"), Boolean.TRUE.equals(r.getBoolean("jht")), r.getString("status"),
                r.getOffsetDateTime("registered_at").toInstant(), r.getString("agent_code"),
                r.getLocalDate("covered_until"), r.getLocalDate("registration_month"));
    }
}
