package id.perisai.api.sponsorship.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.sponsorship.dto.SponsorshipResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sponsorships, their rosters and paid invoices. Through the reactive pool, as the participant rows they join are
 * (members and invoice lines are read with the participants in one statement).
 */
@ApplicationScoped
public class SponsorshipRepository {

    /** A sponsorship row with its partner's code and current member count. */
    public record SponsorshipRow(UUID id, long partnerId, String partnerCode, String payerType, String payerName,
            String reference, LocalDate fromMonth, LocalDate toMonth, int maxMembers, int members, String status,
            Instant createdAt) {

        public SponsorshipResponse response() {
            return new SponsorshipResponse(id, partnerCode, payerType, payerName, reference,
                    YearMonth.from(fromMonth).toString(), YearMonth.from(toMonth).toString(), maxMembers, members, status);
        }
    }

    /** A member of a roster, with what its invoice line needs. */
    public record MemberRow(UUID participantId, String nikMasked, String agentCode, LocalDate fromMonth,
            LocalDate untilMonth, String storedStatus, LocalDate registrationMonth, LocalDate coveredUntil,
            Long monthlyIncome, String occupation, boolean jht, byte[] nikIndex) {
    }

    /** A paid invoice. */
    public record PaidInvoice(UUID id, String paymentRef, long amount, String document) {
    }

    static final String SELECT = """
            select s.*, p.code as partner_code,
                   (select count(*) from sponsorship_member m where m.sponsorship_id = s.id and m.until_month is null)
                   as members
              from sponsorship s join partner p on p.id = s.partner_id
            """;

    private final Pool pool;

    public SponsorshipRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Void> insert(SqlClient tx, UUID id, long partnerId, String payerType, String payerName, String reference,
            LocalDate from, LocalDate to, int maxMembers, OffsetDateTime now) {
        return tx.preparedQuery("""
                insert into sponsorship (id, partner_id, payer_type, payer_name, reference, from_month, to_month,
                                         max_members, status, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, 'ACTIVE', $9, $9)
                """).execute(Tuple.from(new Object[] { id, partnerId, payerType, payerName, reference, from, to, maxMembers,
                now })).replaceWithVoid();
    }

    public Uni<Boolean> setStatus(SqlClient tx, UUID id, String status) {
        return tx.preparedQuery("update sponsorship set status = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(id, status)).map(rows -> rows.rowCount() == 1);
    }

    /** The sponsorship, if it exists and (with a partner id) belongs to that partner; else null. */
    public Uni<SponsorshipRow> find(SqlClient client, UUID id, Long partnerId) {
        return client.preparedQuery(SELECT + " where s.id = $1 and ($2::bigint is null or s.partner_id = $2)")
                .execute(Tuple.of(id, partnerId)).map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? toRow(it.next()) : null;
                });
    }

    public Uni<SponsorshipRow> find(UUID id, Long partnerId) {
        return find(pool, id, partnerId);
    }

    /** Newest first, after the cursor (created_at, id), optionally one partner's. */
    public Uni<List<SponsorshipRow>> list(Long partnerId, Instant beforeCreated, UUID beforeId, int count) {
        return pool.preparedQuery(SELECT + """
                 where ($1::bigint is null or s.partner_id = $1)
                   and ($2::timestamptz is null or (s.created_at, s.id) < ($2, $3::uuid))
                 order by s.created_at desc, s.id desc limit $4
                """).execute(Tuple.of(partnerId, beforeCreated == null ? null
                : OffsetDateTime.ofInstant(beforeCreated,
                        java.time.ZoneOffset.UTC),
                beforeId, count)).map(rows -> {
                    List<SponsorshipRow> found = new ArrayList<>();
                    rows.forEach(r -> found.add(toRow(r)));
                    return found;
                });
    }

    /**
     * The members sponsored in {@code month} (or, with null, every current member), by participant id after the
     * cursor; {@code lock} locks their participant rows (the payment's transaction).
     */
    public Uni<List<MemberRow>> members(SqlClient client, UUID sponsorshipId, LocalDate month, UUID afterId, int count,
            boolean lock) {
        String sql = """
                select m.participant_id, p.nik_masked, a.agent_code, m.from_month, m.until_month, p.status,
                       p.registration_month, p.covered_until, p.monthly_income, p.occupation, p.jht, p.nik_index
                  from sponsorship_member m
                  join participant p on p.id = m.participant_id
                  left join agent a on a.id = p.agent_id
                 where m.sponsorship_id = $1
                   and (case when $2::date is null then m.until_month is null
                             else m.from_month <= $2 and (m.until_month is null or m.until_month >= $2) end)
                   and ($3::uuid is null or m.participant_id > $3)
                 order by m.participant_id limit $4
                """ + (lock ? " for update of p" : "");
        return client.preparedQuery(sql).execute(Tuple.of(sponsorshipId, month, afterId, count)).map(rows -> {
            List<MemberRow> found = new ArrayList<>();
            for (Row r : rows) {
                found.add(new MemberRow(r.getUUID("participant_id"), r.getString("nik_masked"), r.getString("agent_code"),
                        r.getLocalDate("from_month"), r.getLocalDate("until_month"), r.getString("status"),
                        r.getLocalDate("registration_month"), r.getLocalDate("covered_until"), r.getLong("monthly_income"),
                        r.getString("occupation"), Boolean.TRUE.equals(r.getBoolean("jht")),
                        r.getBuffer("nik_index").getBytes()));
            }
            return found;
        });
    }

    public Uni<PaidInvoice> paidInvoice(SqlClient client, UUID sponsorshipId, LocalDate month) {
        return client.preparedQuery("""
                select id, payment_ref, amount, document from sponsorship_invoice where sponsorship_id = $1 and month = $2
                """).execute(Tuple.of(sponsorshipId, month)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new PaidInvoice(r.getUUID("id"), r.getString("payment_ref"), r.getLong("amount"),
                    r.getString("document"));
        });
    }

    /** Stores the paid invoice; its primary key refuses a second payment of the month from any replica. */
    public Uni<Void> insertInvoice(SqlClient tx, UUID sponsorshipId, LocalDate month, UUID id, long partnerId,
            String paymentRef, long amount, int count, OffsetDateTime paidAt, OffsetDateTime recordedAt, String document) {
        return tx.preparedQuery("""
                insert into sponsorship_invoice (sponsorship_id, month, id, partner_id, payment_ref, amount, member_count,
                                                 paid_at, recorded_at, document)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """).execute(Tuple.from(new Object[] { sponsorshipId, month, id, partnerId, paymentRef, amount, count,
                paidAt, recordedAt, document })).replaceWithVoid();
    }

    static SponsorshipRow toRow(Row r) {
        return new SponsorshipRow(r.getUUID("id"), r.getLong("partner_id"), r.getString("partner_code"),
                r.getString("payer_type"), r.getString("payer_name"), r.getString("reference"),
                r.getLocalDate("from_month"), r.getLocalDate("to_month"), r.getInteger("max_members"),
                r.getLong("members").intValue(), r.getString("status"), r.getOffsetDateTime("created_at").toInstant());
    }
}
