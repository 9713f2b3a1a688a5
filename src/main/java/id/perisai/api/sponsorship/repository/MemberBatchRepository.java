package id.perisai.api.sponsorship.repository;

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

import id.perisai.api.sponsorship.rules.MemberAction;
import id.perisai.api.sponsorship.rules.MemberDecision;
import id.perisai.api.sponsorship.rules.SponsorshipStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of member batches: staging, the reads of a processing round and its one write. Reactive pool with
 * {@code unnest} arrays, as the other batch kinds.
 */
@ApplicationScoped
public class MemberBatchRepository {

    /** A staged member record. */
    public record Staged(int index, Buffer nikIndex, MemberAction action, YearMonth fromMonth, String externalRef) {
    }

    /** The sponsorship, locked for the round, and its members now. */
    public record LockedSponsorship(MemberDecision.Sponsorship sponsorship, int members) {
    }

    /** A participant's current memberships: of this sponsorship, and months of other ACTIVE ones. */
    public record Memberships(Set<UUID> here, Map<UUID, List<YearMonth[]>> elsewhere) {
    }

    /** A decided record, as written; {@code memberWrite} ADD/REMOVE when the roster changes. */
    public record Decided(int index, String status, String externalRef, UUID participantId, String errorsJson,
            MemberAction memberWrite, LocalDate fromMonth) {
    }

    public Uni<Long> stage(SqlClient tx, Tuple chunk) {
        return tx.preparedQuery("""
                with valid as (
                    insert into sponsorship_member_input (batch_id, idx, nik_index, action, from_month, external_ref)
                    select $1, t.* from unnest($2::int4[], $3::bytea[], $4::text[], $5::date[], $6::text[]) as t
                    returning 1
                ), rejected as (
                    insert into sponsorship_member_result (batch_id, idx, status, external_ref, errors)
                    select $1, t.idx, 'REJECTED', t.ref, t.errors
                      from unnest($7::int4[], $8::text[], $9::text[]) as t(idx, ref, errors)
                    returning 1
                )
                select (select count(*) from valid) + (select count(*) from rejected)
                """).execute(chunk).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<Staged>> next(SqlClient tx, UUID batchId, int after, int count) {
        return tx.preparedQuery("""
                select idx, nik_index, action, from_month, external_ref from sponsorship_member_input
                 where batch_id = $1 and idx > $2 order by idx limit $3
                """).execute(Tuple.of(batchId, after, count)).map(rows -> {
            List<Staged> staged = new ArrayList<>();
            for (Row r : rows) {
                staged.add(new Staged(r.getInteger("idx"), r.getBuffer("nik_index").getDelegate(),
                        MemberAction.valueOf(r.getString("action")), YearMonth.from(r.getLocalDate("from_month")),
                        r.getString("external_ref")));
            }
            return staged;
        });
    }

    /** Locks the sponsorship (rounds of its batches serialise on it, on every replica), with its member count. */
    public Uni<LockedSponsorship> lockSponsorship(SqlClient tx, UUID sponsorshipId) {
        return tx.preparedQuery("""
                select s.partner_id, s.status, s.from_month, s.to_month, s.max_members,
                       (select count(*) from sponsorship_member m where m.sponsorship_id = s.id and m.until_month is null)
                       as members
                  from sponsorship s where s.id = $1 for update
                """).execute(Tuple.of(sponsorshipId)).map(rows -> {
            Row r = rows.iterator().next();
            return new LockedSponsorship(new MemberDecision.Sponsorship(r.getLong("partner_id"),
                    SponsorshipStatus.valueOf(r.getString("status")), YearMonth.from(r.getLocalDate("from_month")),
                    YearMonth.from(r.getLocalDate("to_month")), r.getInteger("max_members")),
                    r.getLong("members").intValue());
        });
    }

    /** The participants the records name, by blind index. */
    public Uni<Map<Buffer, MemberDecision.Participant>> participants(SqlClient tx, List<Buffer> nikIndexes) {
        return tx.preparedQuery("""
                select id, nik_index, status, partner_id, registration_month, covered_until from participant
                 where nik_index = any($1)
                """).execute(Tuple.of((Object) nikIndexes.toArray(new Buffer[0]))).map(rows -> {
            Map<Buffer, MemberDecision.Participant> found = new HashMap<>();
            for (Row r : rows) {
                found.put(r.getBuffer("nik_index").getDelegate(), new MemberDecision.Participant(r.getUUID("id"),
                        r.getString("status"), r.getLong("partner_id"), r.getLocalDate("registration_month"),
                        r.getLocalDate("covered_until")));
            }
            return found;
        });
    }

    /** Current memberships of these participants: in this sponsorship, and the months of other ACTIVE ones. */
    public Uni<Memberships> memberships(SqlClient tx, UUID sponsorshipId, List<UUID> participantIds) {
        return tx.preparedQuery("""
                select m.sponsorship_id, m.participant_id, m.from_month, coalesce(m.until_month, s.to_month) as last_month,
                       m.until_month is null as current
                  from sponsorship_member m join sponsorship s on s.id = m.sponsorship_id
                 where m.participant_id = any($1) and s.status = 'ACTIVE'
                   and (m.until_month is null or m.until_month >= m.from_month)
                """).execute(Tuple.of((Object) participantIds.toArray(new UUID[0]))).map(rows -> {
            Set<UUID> here = new HashSet<>();
            Map<UUID, List<YearMonth[]>> elsewhere = new HashMap<>();
            for (Row r : rows) {
                UUID participant = r.getUUID("participant_id");
                if (sponsorshipId.equals(r.getUUID("sponsorship_id")) && Boolean.TRUE.equals(r.getBoolean("current"))) {
                    here.add(participant);
                }
                if (!sponsorshipId.equals(r.getUUID("sponsorship_id"))) {
                    elsewhere.computeIfAbsent(participant, k -> new ArrayList<>())
                            .add(new YearMonth[] { YearMonth.from(r.getLocalDate("from_month")),
                                    YearMonth.from(r.getLocalDate("last_month")) });
                }
            }
            return new Memberships(here, elsewhere);
        });
    }

    /** Writes a round: roster changes (not for dry runs) and one result per record. */
    public Uni<Void> write(SqlClient tx, UUID batchId, UUID sponsorshipId, boolean dryRun, OffsetDateTime now,
            List<Decided> decided) {
        List<UUID> addIds = new ArrayList<>();
        List<LocalDate> addFrom = new ArrayList<>();
        List<UUID> removeIds = new ArrayList<>();
        List<LocalDate> removeFrom = new ArrayList<>();
        if (!dryRun) {
            for (Decided d : decided) {
                if (d.memberWrite() == MemberAction.ADD) {
                    addIds.add(d.participantId());
                    addFrom.add(d.fromMonth());
                } else if (d.memberWrite() == MemberAction.REMOVE) {
                    removeIds.add(d.participantId());
                    removeFrom.add(d.fromMonth());
                }
            }
        }
        return tx.preparedQuery("""
                with added as (
                    insert into sponsorship_member (sponsorship_id, participant_id, from_month, added_at, batch_id)
                    select $1, t.participant_id, t.from_month, $3, $2
                      from unnest($4::uuid[], $5::date[]) as t(participant_id, from_month)
                    on conflict (sponsorship_id, participant_id) do update
                       set from_month = excluded.from_month, until_month = null, added_at = excluded.added_at,
                           removed_at = null, batch_id = excluded.batch_id
                    returning 1
                ), removed as (
                    update sponsorship_member m
                       set until_month = (t.from_month - interval '1 month')::date, removed_at = $3
                      from unnest($6::uuid[], $7::date[]) as t(participant_id, from_month)
                     where m.sponsorship_id = $1 and m.participant_id = t.participant_id
                    returning 1
                ), results as (
                    insert into sponsorship_member_result (batch_id, idx, status, external_ref, participant_id, errors)
                    select $2, t.* from unnest($8::int4[], $9::text[], $10::text[], $11::uuid[], $12::text[]) as t
                    returning 1
                )
                select (select count(*) from added), (select count(*) from removed), (select count(*) from results)
                """).execute(Tuple.from(new Object[] { sponsorshipId, batchId, now, addIds.toArray(new UUID[0]),
                addFrom.toArray(new LocalDate[0]), removeIds.toArray(new UUID[0]), removeFrom.toArray(new LocalDate[0]),
                decided.stream().map(Decided::index).toArray(Integer[]::new),
                decided.stream().map(Decided::status).toArray(String[]::new),
                decided.stream().map(Decided::externalRef).toArray(String[]::new),
                decided.stream().map(Decided::participantId).toArray(UUID[]::new),
                decided.stream().map(Decided::errorsJson).toArray(String[]::new) })).replaceWithVoid();
    }
}
