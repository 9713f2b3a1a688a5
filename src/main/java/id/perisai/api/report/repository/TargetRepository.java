package id.perisai.api.report.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Yearly targets of new participants (table {@code target}). */
@ApplicationScoped
public class TargetRepository {

    public static final String BRANCH_OFFICE = "BRANCH_OFFICE";
    public static final String PARTNER = "PARTNER";

    /** One target: subject type, subject (branch office name or partner code), new participants. */
    public record Target(String subjectType, String subject, int newParticipants) {
    }

    private final Pool pool;

    public TargetRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<List<Target>> year(int year) {
        return pool.preparedQuery("select * from target where year = $1 order by subject_type, subject")
                .execute(Tuple.of(year)).map(rows -> {
                    List<Target> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Target(r.getString("subject_type"), r.getString("subject"),
                                r.getInteger("new_participants")));
                    }
                    return out;
                });
    }

    /** Replaces the year's targets, in the caller's transaction. */
    public Uni<Void> replace(SqlClient tx, int year, List<Target> targets) {
        List<String> types = targets.stream().map(Target::subjectType).toList();
        List<String> subjects = targets.stream().map(Target::subject).toList();
        List<Integer> amounts = targets.stream().map(Target::newParticipants).toList();
        return tx.preparedQuery("delete from target where year = $1").execute(Tuple.of(year))
                .flatMap(d -> tx.preparedQuery("""
                        insert into target (year, subject_type, subject, new_participants)
                        select $1, t, s, n from unnest($2::text[], $3::text[], $4::int[]) as x(t, s, n)
                        """).execute(Tuple.of(year, types.toArray(String[]::new), subjects.toArray(String[]::new),
                        amounts.toArray(Integer[]::new))))
                .replaceWithVoid();
    }

    /** The partner codes among {@code codes} that exist. */
    public Uni<List<String>> existingPartners(List<String> codes) {
        return pool.preparedQuery("select code from partner where code = any($1)")
                .execute(Tuple.of(codes.toArray(String[]::new)))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("code")));
                    return out;
                });
    }

    /** The id of a partner by code, or null. */
    public Uni<Long> partnerId(String code) {
        return pool.preparedQuery("select id from partner where code = $1").execute(Tuple.of(code))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("id") : null);
    }

    /** The code and branch office of a partner by id. */
    public Uni<String[]> partner(long id) {
        return pool.preparedQuery("select code, branch_office from partner where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? new String[] { rows.iterator().next().getString("code"),
                                rows.iterator().next().getString("branch_office") }
                        : null);
    }
}
