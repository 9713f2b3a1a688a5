package id.perisai.api.fraud.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.fraud.rules.FraudRules;
import id.perisai.api.fraud.rules.SignalType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Fraud signals (table {@code fraud_signal}) and the set-based queries that find their candidates. Raising is one
 * {@code INSERT … ON CONFLICT (type, dedup_key) DO NOTHING}: the dedup key names the rule's subject and window (phone,
 * agent and day, batch, agent and month, agent and participant), so retries, the daily job and several replicas raise
 * each signal exactly once.
 */
@ApplicationScoped
public class FraudSignalRepository {

    /**
     * A candidate of the set-based rules: for SHARED_PHONE the phone (only to compute its keyed hash, never stored)
     * and its members as JSON; for AGENT_VELOCITY the day and count; for AGENT_SELF_DEALING the participant.
     */
    public record Candidate(SignalType type, String phone, Long agentId, Long partnerId, LocalDate day,
            UUID participantId, String nikMasked, long count, String members) {
    }

    /** A signal to raise. */
    public record NewSignal(UUID id, SignalType type, String dedupKey, Long partnerId, Long agentId, String evidence) {
    }

    /** A stored signal with its partner's and agent's codes. */
    public record StoredSignal(UUID id, String type, String severity, String status, OffsetDateTime raisedAt,
            String partnerCode, String agentCode, Long agentId, String evidence, OffsetDateTime resolvedAt,
            String note) {
    }

    /** An accepted participant of a batch, with its NIK still encrypted. */
    public record BatchParticipant(UUID id, byte[] nikCipher, Long agentId, Long partnerId, String nikMasked) {
    }

    /** FIRST_PAYMENT_ONLY: an agent's judged acquisitions and those that never paid a second month. */
    public record AgentAcquisitions(long agentId, long partnerId, long judged, long neverPaidSecond) {
    }

    private final Pool pool;

    public FraudSignalRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * The SHARED_PHONE, AGENT_VELOCITY and AGENT_SELF_DEALING candidates among the participants of {@code scope}: the
     * accepted participants of one batch ($1 a batch id), or those registered since an instant ($1 a timestamp). One
     * statement, index lookups only for a small batch.
     */
    static String candidatesSql(boolean ofBatch) {
        String scope = ofBatch
                ? "p.id in (select r.participant_id from registration_result r where r.batch_id = $1 and r.status = 'ACCEPTED')"
                : "p.registered_at >= $1";
        return """
                with mine as (
                    select p.id, p.phone, p.agent_id, p.registered_at, p.nik_masked, p.new_participant
                      from participant p
                     where p.status <> 'VOID' and p.source = 'PARTNER' and %s
                ), phones as (
                    -- FraudRules.sharedPhone: count(*) >= $2
                    select q.phone, count(*) as n,
                           json_agg(json_build_object('participantId', q.id, 'nikMasked', q.nik_masked)
                                    order by q.registered_at, q.id) as members,
                           (array_agg(q.agent_id order by q.registered_at desc, q.id desc))[1] as agent_id,
                           (array_agg(q.partner_id order by q.registered_at desc, q.id desc))[1] as partner_id
                      from participant q
                     where q.phone in (select m.phone from mine m where m.phone is not null) and q.status <> 'VOID'
                     group by q.phone having count(*) >= $2
                ), days as (
                    select distinct m.agent_id, (m.registered_at at time zone 'Asia/Jakarta')::date as day
                      from mine m where m.agent_id is not null and m.new_participant
                ), velocity as (
                    -- FraudRules.velocity: count(*) >= $3 new registrations of the agent in the WIB day
                    select d.agent_id, a.partner_id, d.day, count(*) as n
                      from days d
                      join agent a on a.id = d.agent_id
                      join participant q on q.agent_id = d.agent_id and q.new_participant and q.status <> 'VOID'
                           and q.registered_at >= (d.day::timestamp at time zone 'Asia/Jakarta')
                           and q.registered_at < ((d.day + 1)::timestamp at time zone 'Asia/Jakarta')
                     group by d.agent_id, a.partner_id, d.day having count(*) >= $3
                ), self as (
                    -- FraudRules.selfDealing: the participant carries its agent's phone
                    select m.agent_id, a.partner_id, m.id, m.nik_masked
                      from mine m join agent a on a.id = m.agent_id
                     where a.phone = m.phone
                )
                select 'SHARED_PHONE' as type, phone, agent_id, partner_id, null::date as day, null::uuid as participant_id,
                       null::text as nik_masked, n, members::text as members from phones
                union all
                select 'AGENT_VELOCITY', null, agent_id, partner_id, day, null, null, n, null from velocity
                union all
                select 'AGENT_SELF_DEALING', null, agent_id, partner_id, null, id, nik_masked, 1, null from self
                """.formatted(scope);
    }

    public Uni<List<Candidate>> candidatesOfBatch(UUID batchId, FraudRules rules) {
        return candidates(candidatesSql(true), batchId, rules);
    }

    public Uni<List<Candidate>> candidatesSince(OffsetDateTime since, FraudRules rules) {
        return candidates(candidatesSql(false), since, rules);
    }

    private Uni<List<Candidate>> candidates(String sql, Object scope, FraudRules rules) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(scope, rules.sharedPhoneParticipants(), rules.velocityPerDay())).map(rows -> {
                    List<Candidate> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Candidate(SignalType.valueOf(r.getString("type")), r.getString("phone"),
                                r.getLong("agent_id"), r.getLong("partner_id"), r.getLocalDate("day"),
                                r.getUUID("participant_id"), r.getString("nik_masked"), r.getLong("n"),
                                r.getString("members")));
                    }
                    return out;
                });
    }

    /** FIRST_PAYMENT_ONLY candidates: acquisitions of periods up to {@code judgedUntil} (first day), per agent. */
    public Uni<List<AgentAcquisitions>> firstPaymentOnly(LocalDate judgedUntil, FraudRules rules) {
        return pool.preparedQuery("""
                select l.agent_id, a.partner_id, count(*) as judged,
                       count(*) filter (where p.covered_until is null or p.covered_until <= p.registration_month) as never
                  from incentive_line l
                  join participant p on p.id = l.participant_id
                  join agent a on a.id = l.agent_id
                 where l.type = 'ACQUISITION' and l.period <= $1 and p.status <> 'VOID'
                 group by l.agent_id, a.partner_id
                -- FraudRules.firstPaymentOnly
                having count(*) >= $2
                   and count(*) filter (where p.covered_until is null or p.covered_until <= p.registration_month) * 100
                       >= $3 * count(*)
                """).execute(Tuple.of(judgedUntil, rules.fpoMinAcquisitions(), rules.fpoPercent())).map(rows -> {
            List<AgentAcquisitions> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new AgentAcquisitions(r.getLong("agent_id"), r.getLong("partner_id"), r.getLong("judged"),
                        r.getLong("never")));
            }
            return out;
        });
    }

    /** The accepted participants of a batch (for SEQUENTIAL_NIKS). */
    public Uni<List<BatchParticipant>> batchParticipants(UUID batchId) {
        return pool.preparedQuery("""
                select p.id, p.nik_cipher, p.agent_id, p.partner_id, p.nik_masked
                  from registration_result r join participant p on p.id = r.participant_id
                 where r.batch_id = $1 and r.status = 'ACCEPTED' and p.status <> 'VOID'
                """).execute(Tuple.of(batchId)).map(rows -> {
            List<BatchParticipant> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new BatchParticipant(r.getUUID("id"), r.getBuffer("nik_cipher").getBytes(), r.getLong("agent_id"),
                        r.getLong("partner_id"), r.getString("nik_masked")));
            }
            return out;
        });
    }

    /** Registration batches completed since an instant with at least {@code accepted} accepted records. */
    public Uni<List<UUID>> registrationBatchesSince(OffsetDateTime since, int accepted) {
        return pool.preparedQuery("""
                select id from batch
                 where kind = 'REGISTRATION' and status = 'COMPLETED' and not dry_run and completed_at >= $1
                   and accepted >= $2
                """).execute(Tuple.of(since, accepted)).map(rows -> {
            List<UUID> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.getUUID("id")));
            return out;
        });
    }

    /** Raises the signals not raised yet; returns those this call inserted. */
    public Uni<List<NewSignal>> raise(List<NewSignal> signals, OffsetDateTime now) {
        if (signals.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] ids = signals.stream().map(NewSignal::id).toArray(UUID[]::new);
        String[] types = signals.stream().map(s -> s.type().name()).toArray(String[]::new);
        String[] keys = signals.stream().map(NewSignal::dedupKey).toArray(String[]::new);
        String[] severities = signals.stream().map(s -> s.type().severity.name()).toArray(String[]::new);
        Long[] partners = signals.stream().map(NewSignal::partnerId).toArray(Long[]::new);
        Long[] agents = signals.stream().map(NewSignal::agentId).toArray(Long[]::new);
        String[] evidence = signals.stream().map(NewSignal::evidence).toArray(String[]::new);
        return pool.preparedQuery("""
                insert into fraud_signal (id, type, dedup_key, severity, raised_at, partner_id, agent_id, evidence)
                select i, t, k, s, $8, p, a, e
                  from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[])
                       as x(i, t, k, s, p, a, e)
                on conflict (type, dedup_key) do nothing
                returning id
                """).execute(Tuple.from(new Object[] { ids, types, keys, severities, partners, agents, evidence, now }))
                .map(rows -> {
                    List<UUID> inserted = new ArrayList<>();
                    rows.forEach(r -> inserted.add(r.getUUID("id")));
                    return signals.stream().filter(s -> inserted.contains(s.id())).toList();
                });
    }

    static final String SELECT = """
            select s.*, pa.code as partner_code, a.agent_code
              from fraud_signal s
              left join partner pa on pa.id = s.partner_id
              left join agent a on a.id = s.agent_id
            """;

    /** A page of signals, newest first, after the cursor (raisedAt|id). */
    public Uni<List<StoredSignal>> list(String status, String type, String partnerCode, String agentCode,
            OffsetDateTime afterRaisedAt, UUID afterId, int limit) {
        return pool.preparedQuery(SELECT + """
                 where ($1::text is null or s.status = $1) and ($2::text is null or s.type = $2)
                   and ($3::text is null or pa.code = $3) and ($4::text is null or a.agent_code = $4)
                   and ($5::timestamptz is null or (s.raised_at, s.id) < ($5, $6::uuid))
                 order by s.raised_at desc, s.id desc
                 limit $7
                """).execute(Tuple.from(new Object[] { status, type, partnerCode, agentCode, afterRaisedAt, afterId,
                limit })).map(FraudSignalRepository::signals);
    }

    public Uni<StoredSignal> find(SqlClient client, UUID id, boolean forUpdate) {
        return client.preparedQuery(SELECT + " where s.id = $1" + (forUpdate ? " for update of s" : ""))
                .execute(Tuple.of(id)).map(rows -> {
                    List<StoredSignal> list = signals(rows);
                    return list.isEmpty() ? null : list.get(0);
                });
    }

    /** Resolves an OPEN signal. */
    public Uni<Void> resolve(SqlClient tx, UUID id, String status, OffsetDateTime at, String by, String note) {
        return tx.preparedQuery("""
                update fraud_signal set status = $2, resolved_at = $3, resolved_by = $4, note = $5
                 where id = $1 and status = 'OPEN'
                """).execute(Tuple.of(id, status, at, by, note)).replaceWithVoid();
    }

    /** Suspends an agent (CONFIRMED fraud); returns whether its status changed. */
    public Uni<Boolean> suspendAgent(SqlClient tx, long agentId) {
        return tx.preparedQuery("""
                update agent set status = 'SUSPENDED', updated_at = now(), version = version + 1
                 where id = $1 and status <> 'SUSPENDED'
                """).execute(Tuple.of(agentId)).map(r -> r.rowCount() == 1);
    }

    /** Signals by type and status, for the metrics. */
    public Uni<List<Object[]>> counts() {
        return pool.query("select type, status, count(*) as n from fraud_signal group by type, status").execute()
                .map(rows -> {
                    List<Object[]> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Object[] { r.getString("type"), r.getString("status"), r.getLong("n") }));
                    return out;
                });
    }

    private static List<StoredSignal> signals(Iterable<Row> rows) {
        List<StoredSignal> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new StoredSignal(r.getUUID("id"), r.getString("type"), r.getString("severity"), r.getString("status"),
                    r.getOffsetDateTime("raised_at"), r.getString("partner_code"), r.getString("agent_code"),
                    r.getLong("agent_id"), r.getString("evidence"), r.getOffsetDateTime("resolved_at"),
                    r.getString("note")));
        }
        return out;
    }
}
