package id.perisai.api.dev;

import java.util.List;
import java.util.UUID;

import id.perisai.api.common.identity.Nik;
import id.perisai.api.security.crypto.PiiCrypto;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Dev-seed data of the performance reports, targets and fraud signals (growth.md §3–4): three workers the demo agent
 * acquired in 2026-08 (paid 4, 1 and 0 months after the first), so that reports of 2026 show acquisitions, activity
 * and persistency; the 2026 targets of the demo partner and its branch office; one OPEN HIGH signal of the demo agent
 * that the OpenAPI examples read and resolve; and the closed period 2026-09 with a statement line of the demo agent,
 * whose payout export shows that line HELD until the signal is cleared (the README's walkthrough). Every statement does
 * nothing when its row exists.
 */
final class GrowthSeed {

    /** The signal of the OpenAPI examples (FraudSignalResource.SIGNAL_ID). */
    static final String SIGNAL_ID = "5d1c7e3a-9b2f-4c6d-8e1a-2f3b4c5d6e7f";

    private GrowthSeed() {
    }

    static void seed(Pool pool, PiiCrypto crypto) {
        String[][] workers = { { "2b6f3c1d-8e4a-4f5b-9c6d-7e8f9a0b1c21", "3201011505900101", "2026-12-01" },
                { "2b6f3c1d-8e4a-4f5b-9c6d-7e8f9a0b1c22", "3201011505900102", "2026-09-01" },
                { "2b6f3c1d-8e4a-4f5b-9c6d-7e8f9a0b1c23", "3201011505900103", "2026-08-01" } };
        pool.preparedQuery("insert into incentive_period (period, status) values ('2026-08-01', 'OPEN') on conflict do nothing")
                .execute().await().indefinitely();
        for (String[] w : workers) {
            pool.preparedQuery("""
                    insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone,
                                             occupation, monthly_income, jht, status, source, partner_id,
                                             registered_by_partner_id, agent_id, registered_at, registration_month,
                                             covered_until, new_participant)
                    select $1, $2, $3, $4, 'Budi Santoso', '1990-05-15', 'M', null, 'PEDAGANG', 1000000, false, 'ACTIVE',
                           'PARTNER', p.id, p.id, a.id, '2026-08-03T09:00:00+07:00', '2026-08-01', $5::date, true
                      from partner p join agent a on a.partner_id = p.id and a.agent_code = $6
                     where p.code = $7
                    on conflict do nothing
                    """).execute(Tuple.tuple(List.of(UUID.fromString(w[0]), Buffer.buffer(crypto.blindIndex(w[1])),
                    Buffer.buffer(crypto.encrypt(w[1])), Nik.mask(w[1]), java.time.LocalDate.parse(w[2]), DevSeed.AGENT,
                    DevSeed.PARTNER))).await().indefinitely();
            pool.preparedQuery("""
                    insert into incentive_line (period, partner_id, agent_id, scheme_id, type, participant_id, source_type,
                                                basis, rate, amount, created_at)
                    select '2026-08-01', p.partner_id, p.agent_id, s.id, 'ACQUISITION', p.id, 'REGISTRATION', 1, 10000, 10000,
                           '2026-08-03T09:00:00+07:00'
                      from participant p, incentive_scheme s
                     where p.id = $1 and s.code = 'PERISAI-2022'
                    on conflict do nothing
                    """).execute(Tuple.of(UUID.fromString(w[0]))).await().indefinitely();
        }
        pool.preparedQuery("""
                insert into target (year, subject_type, subject, new_participants)
                values (2026, 'PARTNER', $1, 1200), (2026, 'BRANCH_OFFICE', 'Jakarta Salemba', 101000)
                on conflict do nothing
                """).execute(Tuple.of(DevSeed.PARTNER)).await().indefinitely();
        pool.preparedQuery("""
                insert into fraud_signal (id, type, dedup_key, severity, status, raised_at, partner_id, agent_id, evidence)
                select $1, 'AGENT_SELF_DEALING', $5, 'HIGH', 'OPEN', '2026-11-20T10:15:30Z', a.partner_id, a.id,
                       json_build_object('participantId', $2::text, 'nikMasked', $3::text,
                                         'reason', 'the participant''s phone number is the agent''s own')::text
                  from agent a where a.agent_code = $4
                on conflict do nothing
                """).execute(Tuple.of(UUID.fromString(SIGNAL_ID), DevSeed.PARTICIPANT_ID, Nik.mask(DevSeed.PARTICIPANT_NIK),
                DevSeed.AGENT, "seed:" + SIGNAL_ID)).await().indefinitely();
        closedPeriod(pool);
    }

    /** 2026-09, closed: the demo agent earned 12,780 (contribution incentive), the partner 1,278 on top. */
    private static void closedPeriod(Pool pool) {
        pool.preparedQuery("""
                insert into incentive_period (period, status, scheme_id, closed_at, closed_by)
                select '2026-09-01', 'CLOSED', s.id, '2026-10-02T02:00:00Z', 'dev-seed' from incentive_scheme s
                 where s.code = 'PERISAI-2022'
                on conflict do nothing
                """).execute().await().indefinitely();
        pool.preparedQuery("""
                insert into incentive_statement (period, partner_id, scheme_id, agent_total, partner_fee, grand_total)
                select '2026-09-01', p.id, s.id, 12780, 1278, 14058 from partner p, incentive_scheme s
                 where p.code = $1 and s.code = 'PERISAI-2022'
                on conflict do nothing
                """).execute(Tuple.of(DevSeed.PARTNER)).await().indefinitely();
        pool.preparedQuery("""
                insert into incentive_statement_agent (period, partner_id, agent_id, acquisitions, acquisition_incentive,
                                                       contribution_incentive, reversals, total, partner_share, minimum_met)
                select '2026-09-01', a.partner_id, a.id, 3, 0, 12780, 0, 12780, 0, false from agent a
                 where a.agent_code = $1
                on conflict do nothing
                """).execute(Tuple.of(DevSeed.AGENT)).await().indefinitely();
    }
}
