package id.perisai.api.contribution.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.contribution.rules.ContributionRecordValidator.ValidContribution;
import id.perisai.api.contribution.rules.PayerType;
import id.perisai.api.contribution.rules.PaymentDecision.ParticipantState;
import id.perisai.api.incentive.service.IncentiveLedger.Earner;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of contribution batches: staging, the reads and the one write statement of a processing round, and results.
 * Reactive pool with {@code unnest} arrays, not the ORM: this is a bulk path.
 */
@ApplicationScoped
public class ContributionBatchRepository {

    /** A staged payment waiting for its outcome. */
    public record Pending(int index, ByteKey nikIndex, ValidContribution payment) {
    }

    /** A participant locked for a round: its coverage, and who earns incentives from its contributions. */
    public record Locked(ParticipantState state, Earner earner) {
    }

    /** A blind index usable as a map key. */
    public record ByteKey(Buffer bytes) {
    }

    /** One decided record, as written. */
    public record Written(int index, String status, String externalRef, UUID contributionId, UUID participantId,
            String paymentRef, LocalDate periodStart, int months, long amount, String payerType, String payerName,
            OffsetDateTime paidAt, LocalDate coveredThrough, String errorsJson, Long expectedAmount) {
    }

    /** A covered month of an accepted payment. */
    public record MonthRow(UUID contributionId, LocalDate month, int membershipMonth, long jkk, long jkm, long jht,
            boolean discounted) {
    }

    static final String STAGE = """
            with valid as (
                insert into contribution_input (batch_id, idx, nik_index, payment_ref, period_start, months, amount,
                                                payer_type, payer_name, paid_at, external_ref)
                select $1, t.* from unnest($2::int4[], $3::bytea[], $4::text[], $5::date[], $6::int4[], $7::int8[],
                                          $8::text[], $9::text[], $10::timestamptz[], $11::text[]) as t
                returning 1
            ), rejected as (
                insert into contribution_result (batch_id, idx, status, external_ref, errors)
                select $1, t.idx, 'REJECTED', t.ref, t.errors
                  from unnest($12::int4[], $13::text[], $14::text[]) as t(idx, ref, errors)
                returning 1
            )
            select (select count(*) from valid) + (select count(*) from rejected)
            """;

    static final String DUPLICATE_REF = "[{\"field\":\"paymentRef\",\"code\":\"PAYMENT_DUPLICATE\","
            + "\"message\":\"this partner already has a payment with this reference\"}]";

    private final Pool pool;

    public ContributionBatchRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> stage(SqlClient tx, Tuple chunk) {
        return tx.preparedQuery(STAGE).execute(chunk).map(rows -> rows.iterator().next().getLong(0));
    }

    /** For each NIK, its earliest payment in (after, through] still without an outcome, in index order. */
    public Uni<List<Pending>> pendingFirsts(SqlClient tx, UUID batchId, int after, int through) {
        return tx.preparedQuery("""
                select * from (
                    select distinct on (i.nik_index) i.*
                      from contribution_input i
                     where i.batch_id = $1 and i.idx > $2 and i.idx <= $3
                       and not exists (select 1 from contribution_result r where r.batch_id = i.batch_id and r.idx = i.idx)
                     order by i.nik_index, i.idx) firsts
                 order by idx
                """).execute(Tuple.of(batchId, after, through)).map(rows -> {
            List<Pending> pending = new ArrayList<>();
            for (Row r : rows) {
                pending.add(new Pending(r.getInteger("idx"), new ByteKey(r.getBuffer("nik_index").getDelegate()),
                        new ValidContribution(null, r.getString("payment_ref"), YearMonth.from(r.getLocalDate("period_start")),
                                r.getInteger("months"), r.getLong("amount"), PayerType.valueOf(r.getString("payer_type")),
                                r.getString("payer_name"), r.getOffsetDateTime("paid_at"), r.getString("external_ref"))));
            }
            return pending;
        });
    }

    /** Whether staged payments remain without an outcome in (after, through]. */
    public Uni<Boolean> anyPending(SqlClient tx, UUID batchId, int after, int through) {
        return tx.preparedQuery("""
                select exists (select 1 from contribution_input i
                                where i.batch_id = $1 and i.idx > $2 and i.idx <= $3
                                  and not exists (select 1 from contribution_result r
                                                   where r.batch_id = i.batch_id and r.idx = i.idx))
                """).execute(Tuple.of(batchId, after, through)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The first staged index after {@code after}, or null when none is left. */
    public Uni<Integer> nextStagedIndex(SqlClient tx, UUID batchId, int after) {
        return tx.preparedQuery("select min(idx) from contribution_input where batch_id = $1 and idx > $2")
                .execute(Tuple.of(batchId, after)).map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * The participants the payments name, locked in a fixed order (by id) so that batches paying for the same
     * participants serialise without deadlocking; with a dry run's earlier accepted payments of this batch folded into
     * their coverage; with their agent, who earns the incentives.
     */
    public Uni<Map<ByteKey, Locked>> lockParticipants(SqlClient tx, UUID batchId, List<ByteKey> nikIndexes,
            boolean dryRun) {
        Buffer[] keys = nikIndexes.stream().map(ByteKey::bytes).toArray(Buffer[]::new);
        String sql = """
                select p.id, p.nik_index, p.status, p.registration_month, p.monthly_income, p.occupation, p.jht,
                       %s as covered_until,
                       p.agent_id, a.partner_id as agent_partner_id, a.status as agent_status, p.new_participant,
                       p.source_batch_id
                  from participant p left join agent a on a.id = p.agent_id
                 where p.nik_index = any($1)
                 order by p.id
                """.formatted(dryRun ? """
                greatest(p.covered_until, (select max(r.covered_through) from contribution_result r
                                            where r.batch_id = $2 and r.participant_id = p.id and r.status = 'ACCEPTED'))"""
                : "p.covered_until") + (dryRun ? "" : " for update of p");
        Tuple params = dryRun ? Tuple.of(keys, batchId) : Tuple.of((Object) keys);
        return tx.preparedQuery(sql).execute(params).map(rows -> {
            Map<ByteKey, Locked> found = new HashMap<>();
            for (Row r : rows) {
                boolean jht = Boolean.TRUE.equals(r.getBoolean("jht"));
                found.put(new ByteKey(r.getBuffer("nik_index").getDelegate()), new Locked(new ParticipantState(
                        r.getUUID("id"), r.getString("status"), r.getLocalDate("registration_month"),
                        r.getLocalDate("covered_until"), r.getLong("monthly_income"), r.getString("occupation"), jht),
                        new Earner(r.getLong("agent_id"), r.getLong("agent_partner_id"), r.getString("agent_status"),
                                Boolean.TRUE.equals(r.getBoolean("new_participant")), jht, r.getUUID("source_batch_id"))));
            }
            return found;
        });
    }

    /** The payment references among these that the partner has used (and, for a dry run, this batch has accepted). */
    public Uni<Set<String>> usedReferences(SqlClient tx, UUID batchId, long partnerId, List<String> refs, boolean dryRun) {
        String[] array = refs.toArray(new String[0]);
        String sql = "select payment_ref from contribution where partner_id = $1 and payment_ref = any($2)"
                + (dryRun ? " union select payment_ref from contribution_result where batch_id = $3 and status = 'ACCEPTED'"
                        + " and payment_ref = any($2)" : "");
        Tuple params = dryRun ? Tuple.of(partnerId, array, batchId) : Tuple.of(partnerId, array);
        return tx.preparedQuery(sql).execute(params).map(rows -> {
            Set<String> used = new HashSet<>();
            rows.forEach(r -> used.add(r.getString(0)));
            return used;
        });
    }

    /**
     * Writes a round in one statement: accepted payments are inserted (ON CONFLICT on the partner's payment reference
     * turns a racing duplicate into DUPLICATE), the coverage of their participants advanced, their months stored, and
     * one result per record. A dry run writes the results only. Returns [accepted, duplicate, rejected].
     */
    public Uni<int[]> write(SqlClient tx, UUID batchId, long partnerId, OffsetDateTime acceptedAt, boolean dryRun,
            List<Written> records, List<MonthRow> months) {
        Object[] p = new Object[] { batchId,
                records.stream().map(Written::index).toArray(Integer[]::new),
                records.stream().map(Written::status).toArray(String[]::new),
                records.stream().map(Written::contributionId).toArray(UUID[]::new),
                records.stream().map(Written::participantId).toArray(UUID[]::new),
                records.stream().map(Written::paymentRef).toArray(String[]::new),
                records.stream().map(Written::periodStart).toArray(LocalDate[]::new),
                records.stream().map(Written::months).toArray(Integer[]::new),
                records.stream().map(Written::amount).toArray(Long[]::new),
                records.stream().map(Written::payerType).toArray(String[]::new),
                records.stream().map(Written::payerName).toArray(String[]::new),
                records.stream().map(Written::paidAt).toArray(OffsetDateTime[]::new),
                records.stream().map(Written::coveredThrough).toArray(LocalDate[]::new),
                records.stream().map(Written::errorsJson).toArray(String[]::new),
                records.stream().map(Written::expectedAmount).toArray(Long[]::new),
                records.stream().map(Written::externalRef).toArray(String[]::new),
                partnerId, acceptedAt,
                months.stream().map(MonthRow::contributionId).toArray(UUID[]::new),
                months.stream().map(MonthRow::month).toArray(LocalDate[]::new),
                months.stream().map(MonthRow::membershipMonth).toArray(Integer[]::new),
                months.stream().map(MonthRow::jkk).toArray(Long[]::new),
                months.stream().map(MonthRow::jkm).toArray(Long[]::new),
                months.stream().map(MonthRow::jht).toArray(Long[]::new),
                months.stream().map(MonthRow::discounted).toArray(Boolean[]::new) };
        String sql = """
                with decided as (
                    select * from unnest($2::int4[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::date[], $8::int4[],
                                         $9::int8[], $10::text[], $11::text[], $12::timestamptz[], $13::date[], $14::text[],
                                         $15::int8[], $16::text[])
                        as t(idx, status, contribution_id, participant_id, payment_ref, period_start, months, amount,
                             payer_type, payer_name, paid_at, covered_through, errors, expected_amount, external_ref)
                ),
                inserted as (
                    insert into contribution (id, participant_id, partner_id, payment_ref, period_start, months, amount,
                                              payer_type, payer_name, paid_at, batch_id, batch_index, accepted_at)
                    select contribution_id, participant_id, $17, payment_ref, period_start, months, amount, payer_type,
                           payer_name, paid_at, $1, idx, $18
                      from decided where status = 'ACCEPTED' and not $26
                    on conflict (partner_id, payment_ref) do nothing
                    returning id
                ),
                covered as (
                    update participant p set covered_until = d.covered_through, updated_at = now()
                      from decided d join inserted i on i.id = d.contribution_id
                     where p.id = d.participant_id
                    returning p.id
                ),
                months as (
                    insert into contribution_month (contribution_id, month, membership_month, jkk, jkm, jht, discounted)
                    select m.* from unnest($19::uuid[], $20::date[], $21::int4[], $22::int8[], $23::int8[], $24::int8[],
                                           $25::bool[]) as m(contribution_id, month, membership_month, jkk, jkm, jht,
                                                             discounted)
                     where m.contribution_id in (select id from inserted)
                    returning 1
                ),
                results as (
                    insert into contribution_result (batch_id, idx, status, external_ref, contribution_id, expected_amount,
                                                     participant_id, covered_through, payment_ref, errors)
                    select $1, d.idx, o.status, d.external_ref, i.id, d.expected_amount, d.participant_id,
                           case when o.status = 'ACCEPTED' then d.covered_through end, d.payment_ref,
                           case when o.lost_race then '%s' else d.errors end
                      from decided d
                      left join inserted i on i.id = d.contribution_id
                      cross join lateral (select d.status = 'ACCEPTED' and not $26 and i.id is null as lost_race) r
                      cross join lateral (select case when r.lost_race then 'DUPLICATE' else d.status end as status,
                                                      r.lost_race) o
                    returning status
                )
                select count(*) filter (where status = 'ACCEPTED'), count(*) filter (where status = 'DUPLICATE'),
                       count(*) filter (where status = 'REJECTED'), (select count(*) from covered),
                       (select count(*) from months)
                  from results
                """.formatted(DUPLICATE_REF);
        Object[] params = java.util.Arrays.copyOf(p, p.length + 1);
        params[p.length] = dryRun;
        return tx.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            Row r = rows.iterator().next();
            return new int[] { r.getLong(0).intValue(), r.getLong(1).intValue(), r.getLong(2).intValue() };
        });
    }
}
