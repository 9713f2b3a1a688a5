package id.perisai.api.incentive.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.incentive.scheme.IncentiveScheme;
import id.perisai.api.incentive.scheme.IncentiveScheme.Band;
import id.perisai.api.incentive.scheme.IncentiveScheme.ShareMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Incentive scheme versions and their contribution bands (tables incentive_scheme, incentive_scheme_band). */
@ApplicationScoped
public class SchemeRepository {

    private final Pool pool;

    public SchemeRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Every version, by start. */
    public Uni<List<IncentiveScheme>> all(SqlClient client) {
        return client.query("""
                select s.*, b.from_month, b.to_month, b.percent
                  from incentive_scheme s left join incentive_scheme_band b on b.scheme_id = s.id
                 order by s.valid_from, b.from_month
                """).execute().map(rows -> {
            Map<Integer, Row> heads = new LinkedHashMap<>();
            Map<Integer, List<Band>> bands = new LinkedHashMap<>();
            for (Row r : rows) {
                int id = r.getInteger("id");
                heads.putIfAbsent(id, r);
                List<Band> list = bands.computeIfAbsent(id, k -> new ArrayList<>());
                if (r.getInteger("from_month") != null) {
                    list.add(new Band(r.getInteger("from_month"), r.getInteger("to_month"), r.getBigDecimal("percent")));
                }
            }
            List<IncentiveScheme> schemes = new ArrayList<>();
            heads.forEach((id, r) -> schemes.add(new IncentiveScheme(id, r.getString("code"), r.getString("name"),
                    r.getString("regulation"), r.getLocalDate("valid_from"), r.getLocalDate("valid_to"),
                    r.getLong("acquisition_amount"), r.getLong("acquisition_amount_jht"),
                    r.getInteger("acquisition_minimum"), r.getInteger("milestone_acquisitions"),
                    r.getLong("milestone_bonus"), bands.get(id), ShareMode.valueOf(r.getString("partner_share_mode")),
                    r.getBigDecimal("partner_share_percent"))));
            return schemes;
        });
    }

    public Uni<List<IncentiveScheme>> all() {
        return all(pool);
    }

    /** Serialises scheme changes (a transaction-scoped advisory lock), so two admins cannot interleave versions. */
    public Uni<Void> lockChanges(SqlClient tx) {
        return tx.query("select pg_advisory_xact_lock(hashtext('incentive_scheme'))").execute().replaceWithVoid();
    }

    /** Ends an open-ended version the day before its successor starts. */
    public Uni<Void> end(SqlClient tx, int id, LocalDate validTo) {
        return tx.preparedQuery("update incentive_scheme set valid_to = $2 where id = $1 and valid_to is null")
                .execute(Tuple.of(id, validTo)).replaceWithVoid();
    }

    /** Inserts a version with its bands; returns its id. */
    public Uni<Integer> insert(SqlClient tx, IncentiveScheme s) {
        return tx.preparedQuery("""
                insert into incentive_scheme (code, name, regulation, valid_from, valid_to, acquisition_amount,
                                              acquisition_amount_jht, acquisition_minimum, milestone_acquisitions,
                                              milestone_bonus, partner_share_mode, partner_share_percent)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                returning id
                """).execute(Tuple.from(new Object[] { s.code(), s.name(), s.regulation(), s.validFrom(), s.validTo(),
                s.acquisitionAmount(), s.acquisitionAmountJht(), s.acquisitionMinimum(), s.milestoneAcquisitions(),
                s.milestoneBonus(), s.partnerShareMode().name(), s.partnerSharePercent() }))
                .map(rows -> rows.iterator().next().getInteger(0))
                .flatMap(id -> tx.preparedQuery("""
                        insert into incentive_scheme_band (scheme_id, from_month, to_month, percent)
                        select $1, * from unnest($2::int4[], $3::int4[], $4::numeric[])
                        """).execute(Tuple.of(id,
                        s.contributionBands().stream().map(Band::fromMonth).toArray(Integer[]::new),
                        s.contributionBands().stream().map(Band::toMonth).toArray(Integer[]::new),
                        s.contributionBands().stream().map(Band::percent).toArray(BigDecimal[]::new)))
                        .replaceWith(id));
    }
}
