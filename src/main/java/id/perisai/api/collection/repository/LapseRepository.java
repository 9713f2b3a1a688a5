package id.perisai.api.collection.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.collection.rules.LapseWindow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The lapses the daily {@code participant.lapsed} job announces, and the record of those it announced
 * ({@code participant_lapse}, V17). Plain SQL: a partner's lapses in a window are a range scan of
 * {@code participant_collection_idx} (the collection list's participants in {@code lapsesOn} order), read in pages.
 */
@ApplicationScoped
public class LapseRepository {

    /** A participant of the partner that lapsed on {@code lapsedOn}. */
    public record Lapse(UUID participantId, LocalDate lapsedOn) {
    }

    /**
     * ACTIVE in the registry (a stored LAPSED or VOID one did not lapse by the date), managed by the partner, lapsed in
     * the window ($2, $3], not yet announced; after ($4, $5) in lapse day and id order.
     */
    static final String CANDIDATES = """
            select p.id, %1$s as lapsed_on
              from participant p
              %2$s
             where p.partner_id = $1 and %3$s and p.status = 'ACTIVE'
               and %1$s > $2 and %1$s <= $3
               and ($4::date is null or (%1$s, p.id) > ($4, $5::uuid))
               and not exists (select 1 from participant_lapse l where l.participant_id = p.id and l.lapsed_on = %1$s)
             order by %1$s, p.id
             limit $6
            """.formatted(CollectionRepository.LAPSES_ON, CollectionRepository.FIRST_UNPAID,
            CollectionRepository.LISTED);

    private final Pool pool;

    public LapseRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Every partner, in id order. */
    public Uni<List<Long>> partners() {
        return pool.query("select id from partner order by id").execute().map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getLong("id")));
            return ids;
        });
    }

    /** At most {@code count} of the partner's unannounced lapses in the window, after {@code after} when given. */
    public Uni<List<Lapse>> candidates(long partnerId, LapseWindow window, Lapse after, int count) {
        return pool.preparedQuery(CANDIDATES).execute(Tuple.from(new Object[] { partnerId, window.after(),
                window.through(), after == null ? null : after.lapsedOn(), after == null ? null : after.participantId(),
                count })).map(LapseRepository::lapses);
    }

    /**
     * Records the lapses as announced to the partner in {@code tx}; answers those this call recorded — none that
     * another run recorded first (a racing run's insert waits for it, then skips the row).
     */
    public Uni<List<Lapse>> record(SqlClient tx, long partnerId, List<Lapse> lapses, OffsetDateTime at) {
        UUID[] ids = lapses.stream().map(Lapse::participantId).toArray(UUID[]::new);
        LocalDate[] days = lapses.stream().map(Lapse::lapsedOn).toArray(LocalDate[]::new);
        return tx
                .preparedQuery(
                        """
                                insert into participant_lapse (participant_id, lapsed_on, partner_id, announced_at)
                                select u.participant_id, u.lapsed_on, $3, $4 from unnest($1::uuid[], $2::date[]) as u (participant_id, lapsed_on)
                                on conflict (participant_id, lapsed_on) do nothing
                                returning participant_id as id, lapsed_on
                                """)
                .execute(Tuple.of(ids, days, partnerId, at)).map(LapseRepository::lapses);
    }

    static List<Lapse> lapses(RowSet<Row> rows) {
        List<Lapse> found = new ArrayList<>(rows.size());
        for (Row r : rows) {
            found.add(new Lapse(r.getUUID("id"), r.getLocalDate("lapsed_on")));
        }
        return found;
    }
}
