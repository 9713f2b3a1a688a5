package id.perisai.api.dev;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.security.crypto.PiiCrypto;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The demo sponsorship the OpenAPI document's sponsorship examples name: Pemprov DKI Jakarta's APBD paying, for twelve
 * months from the month of seeding (the service's clock, WIB), for three street sweepers (PPSU, PETUGAS_KEBERSIHAN,
 * income 5,000,000, JKK+JKM) the demo partner registered through its agent at the start of that month — so that
 * month's invoice, which the examples name as {@code current}, is 3 × 56,800 = 170,400 (GOVERNMENT: no discount) until
 * it is paid, on whatever date a fresh dev schema is seeded — and a completed member batch the batch examples read.
 * Each statement does nothing when its row exists (a dev schema seeded in an earlier month keeps that month's data).
 */
final class DemoSponsorship {

    static final String ID = "7d3f0c52-8a1b-4e6f-9c2d-1a2b3c4d5e6f";
    static final String MEMBER_BATCH = "5e2a7c41-9b3d-4f6e-8a1c-2d3e4f5a6b7c";
    /** [participant id, made-up NIK, name, birth date, gender] of the members. */
    static final List<String[]> MEMBERS = List.of(
            new String[] { "a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01", "3174011005880006", "Joko Susilo", "1988-05-10", "M" },
            new String[] { "a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02", "3174016107910007", "Rina Marlina", "1991-07-21", "F" },
            new String[] { "a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a03", "3174010303790008", "Agus Salim", "1979-03-03", "M" });

    private DemoSponsorship() {
    }

    static void seed(Pool pool, PiiCrypto crypto, String partner, String agent, YearMonth month) {
        LocalDate first = month.atDay(1);
        OffsetDateTime registeredAt = first.atStartOfDay(TimeSource.WIB).toOffsetDateTime();
        for (String[] m : MEMBERS) {
            pool.preparedQuery("""
                    insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone,
                                             occupation, monthly_income, jht, status, source, partner_id,
                                             registered_by_partner_id, agent_id, registered_at, registration_month,
                                             new_participant)
                    select $1, $2, $3, $4, $5, $6, $7, null, 'PETUGAS_KEBERSIHAN', 5000000, false, 'ACTIVE', 'PARTNER',
                           p.id, p.id, (select a.id from agent a where a.agent_code = $8), $10, $11, true
                      from partner p where p.code = $9
                    on conflict do nothing
                    """).execute(Tuple.tuple(List.of(UUID.fromString(m[0]), Buffer.buffer(crypto.blindIndex(m[1])),
                    Buffer.buffer(crypto.encrypt(m[1])), Nik.mask(m[1]), m[2], LocalDate.parse(m[3]), m[4], agent,
                    partner, registeredAt, first))).await().indefinitely();
        }
        pool.preparedQuery("""
                insert into sponsorship (id, partner_id, payer_type, payer_name, reference, from_month, to_month,
                                         max_members, status, created_at, updated_at)
                select $1, p.id, 'GOVERNMENT', 'Pemprov DKI Jakarta — APBD 2026', 'APBD-2026-PPSU-01', $3, $4, 2000,
                       'ACTIVE', now(), now()
                  from partner p where p.code = $2
                on conflict do nothing
                """).execute(Tuple.of(UUID.fromString(ID), partner, first, month.plusMonths(11).atDay(1)))
                .await().indefinitely();
        pool.preparedQuery("""
                insert into batch (id, partner_id, kind, parent, status, dry_run, content_type, submitted_at,
                                   completed_at, received, staged)
                select $1, p.id, 'SPONSORSHIP_MEMBER', $2, 'COMPLETED', false, 'application/json', now(), now(), 0, 0
                  from partner p where p.code = $3
                on conflict (id) do nothing
                """).execute(Tuple.of(UUID.fromString(MEMBER_BATCH), ID, partner)).await().indefinitely();
        for (String[] m : MEMBERS) {
            pool.preparedQuery("""
                    insert into sponsorship_member (sponsorship_id, participant_id, from_month, added_at, batch_id)
                    values ($1, $2, $4, now(), $3)
                    on conflict do nothing
                    """).execute(Tuple.of(UUID.fromString(ID), UUID.fromString(m[0]), UUID.fromString(MEMBER_BATCH), first))
                    .await().indefinitely();
        }
    }
}
