package id.perisai.api.report.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The performance report's figures, read from monthly counters: {@code report_counter} per (partner, agent, month)
 * plus the not yet folded journal {@code report_counter_delta}, both kept by the triggers of migration V18 in the
 * transaction of every write to participant, contribution and incentive_line (see that migration for what each
 * counter holds and at which month).
 * <p>
 * <b>Counters, not live aggregates — chosen by measurement (benchmark P7, issue 16).</b> The live statement (one
 * aggregate over the participants, their contributions and the ledger; kept in the tests as {@code LiveFigures}, the
 * reference the counters are checked against) must touch ~300,000 rows for one partner and ~3,000,000 for the admin
 * report: on the 1,000,000-participant benchmark data, 2 shared cores, it took 3.6–3.9 s for a partner's 12 months by
 * agent and 9.7 s for the admin report by branch office (2026-12-01, after tuning it: JIT off, one histogram pass,
 * integer paid months; no index helped), against P7's 0.5 s and 2 s. The counters make a report read one row per
 * (agent, month) of its scope — ~30,000 for the partner, ~60,000 for the admin report — whatever the number of
 * participants. After (benchmark P7 through the API, same data set, 2026-12-01, other builds sharing the 2 cores, load
 * average 8–12): partner report median 227 ms / max 364 ms, admin by branch office median 153 ms / max 205 ms. Every
 * metric is a counter, even
 * those that depend on time passing: lapsed is counted at the month the participant lapses, active at the end of a
 * month is the running sum of +1 at the registration month and −1 at the lapse month, and whether an acquisition
 * cohort is old enough for p3/p6/p12 is decided here from its month; so a report is a filtered sum.
 * <p>
 * The cost moved to the writes: each statement on those tables appends its net change per key to the journal (a
 * statement-level trigger, one aggregated insert, no row that concurrent writers contend on), and
 * {@link id.perisai.api.report.service.ReportCounterFolder} folds the journal into the counters every second. Reading
 * both tables keeps a report exact and "real time" (growth.md §3) whether or not the fold has run.
 * <p>
 * Attribution (as the live statement had it): participant-based metrics (registrations, reactivations,
 * contributions, active, lapsed) follow the participant's current partner and agent (a reactivation moves a
 * participant, and its history, to the reactivating partner); acquisitions and incentives follow the ledger lines'
 * partner and agent.
 */
@ApplicationScoped
public class ReportRepository {

    /** The grouping of a report: how each source's row key is computed. */
    public enum Grouping {
        AGENT("agent"),
        MONTH("month"),
        PARTNER("partner"),
        BRANCH_OFFICE("branchOffice");

        public final String parameter;

        Grouping(String parameter) {
            this.parameter = parameter;
        }

        /** The key expression of a counter row {@code c} joined to its partner {@code pa} and agent {@code a}. */
        String key() {
            return switch (this) {
                case AGENT -> "coalesce(a.agent_code, '" + NO_AGENT + "')";
                case MONTH -> "to_char(c.month, 'YYYY-MM')";
                case PARTNER -> "pa.code";
                case BRANCH_OFFICE -> "pa.branch_office";
            };
        }
    }

    /** The key of participants and lines without an agent when grouping by agent. */
    public static final String NO_AGENT = "NO_AGENT";

    /** Sums of one key; persistency as numerators and denominators. */
    public record Figures(String key, long registrations, long reactivations, long acquisitions, long measured3,
            long paid3, long measured6, long paid6, long measured12, long paid12, long contributions,
            long contributionAmount, long activeAtEnd, long lapsed, long incentives) {
    }

    /** Achieved new participants of a year, per partner. */
    public record Achieved(String partnerCode, String branchOffice, long newParticipants) {
    }

    static final String[] COLUMNS = { "registrations", "reactivations", "acquisitions", "measured3", "paid3",
            "measured6", "paid6", "measured12", "paid12", "contributions", "contribution_amount", "active_at_end",
            "lapsed", "incentives" };

    /** The counters' columns, in the order of {@code report_counter} and {@code report_counter_delta}. */
    static final String COUNTERS = "partner_id, agent_id, month, registrations, reactivations, contributions,"
            + " contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines, incentives";

    /**
     * JIT off for the report's transaction: a cost estimate near jit_above_cost made the live statement spend 0.9 s
     * compiling; a sum over counter rows never gains from it.
     */
    static final String SESSION_SETTINGS = "set local jit = off";

    private final Pool pool;

    public ReportRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The figures of months {@code from} … {@code to} (first days), grouped, for one partner and/or branch office (or
     * all), as of {@code current} (the first day of the current WIB month).
     */
    public Uni<List<Figures>> figures(Grouping grouping, LocalDate from, LocalDate to, Long partnerId,
            String branchOffice, LocalDate current) {
        Tuple params = Tuple.from(new Object[] { partnerId, branchOffice, current, from, to });
        return pool.withTransaction(conn -> conn.query(SESSION_SETTINGS).execute()
                .flatMap(ignored -> conn.preparedQuery(sql(grouping, partnerId != null)).execute(params)))
                .map(ReportRepository::figures);
    }

    /** One {@link Figures} per row of a statement that returns {@code k} and {@link #COLUMNS}. */
    static List<Figures> figures(RowSet<Row> rows) {
        List<Figures> out = new ArrayList<>();
        for (Row r : rows) {
            long[] v = new long[COLUMNS.length];
            for (int i = 0; i < COLUMNS.length; i++) {
                Long n = r.getLong(COLUMNS[i]);
                v[i] = n == null ? 0 : n;
            }
            out.add(new Figures(r.getString("k"), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                    v[11], v[12], v[13]));
        }
        return out;
    }

    /**
     * New participants (PARTNER source, not VOID) registered in the WIB year's months {@code [first, end)} per
     * partner, for the targets: the registrations counters (a partner's row may say 0).
     */
    public Uni<List<Achieved>> achieved(LocalDate first, LocalDate end) {
        String scope = " where month >= $1 and month < $2";
        return pool.preparedQuery("select pa.code, pa.branch_office, sum(c.registrations)::bigint as n from (select "
                + COUNTERS + " from report_counter" + scope + " union all select " + COUNTERS
                + " from report_counter_delta" + scope + ") c join partner pa on pa.id = c.partner_id"
                + " group by pa.code, pa.branch_office").execute(Tuple.of(first, end)).map(rows -> {
                    List<Achieved> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Achieved(r.getString("code"), r.getString("branch_office"), r.getLong("n")));
                    }
                    return out;
                });
    }

    /**
     * The report as filtered sums of the counter rows of its scope (folded and journal alike). Parameters: $1 partner
     * id or null, $2 branch office or null, $3 the current month, $4/$5 the range's first and last month (first
     * days). Each counter is summed over the months the report counts it at (see V18): the range for the additive
     * ones, the range up to the current month for lapsed, every month up to the end of the range (or now) for active,
     * and for persistency only the acquisition months at least 3/6/12 months before the current one. A key has a row
     * when something was counted for it, as in the live statement's grouping. {@code onePartner}: $1 will not be null
     * (the partner's rows read by the counters' index).
     */
    static String sql(Grouping g, boolean onePartner) {
        String inRange = "x.month >= $4";
        String scope = " where month <= $5" + (onePartner ? " and partner_id = $1" : "");
        StringBuilder sb = new StringBuilder("with\n");
        sb.append("c as (select ").append(COUNTERS).append(" from report_counter").append(scope)
                .append(" union all select ").append(COUNTERS).append(" from report_counter_delta").append(scope)
                .append("),\n");
        sb.append("x as (select ").append(g.key()).append(" as k, c.* from c join partner pa on pa.id = c.partner_id")
                .append(" left join agent a on a.id = c.agent_id")
                .append(" where ($1::bigint is null or pa.id = $1) and ($2::text is null or pa.branch_office = $2)),\n");
        sb.append("f as (select k");
        for (String[] sum : new String[][] { { "registrations", inRange }, { "reactivations", inRange },
                { "acquisitions", inRange }, { "contributions", inRange }, { "contribution_amount", inRange },
                { "lapsed", inRange + " and x.month <= $3" }, { "incentives", inRange },
                { "incentive_lines", inRange } }) {
            sb.append(", sum(x.").append(sum[0]).append(") filter (where ").append(sum[1]).append(") as ").append(sum[0]);
        }
        for (int k : new int[] { 3, 6, 12 }) {
            String measured = inRange + " and x.month <= ($3::date - interval '" + k + " months')::date";
            sb.append(", sum(x.acquisitions) filter (where ").append(measured).append(") as measured").append(k)
                    .append(", sum(x.paid").append(k).append(") filter (where ").append(measured).append(") as paid")
                    .append(k);
        }
        // active at the end of the range (or now): the running sum of the +1/−1 up to that month
        sb.append(g == Grouping.MONTH ? ", 0 as active_at_end"
                : ", sum(x.active_change) filter (where x.month <= $3) as active_at_end");
        sb.append(" from x group by k),\n");
        // by month: each month of the range has its own running sum (up to it, or now)
        sb.append(g == Grouping.MONTH ? """
                a as (select to_char(m.m, 'YYYY-MM') as k, sum(xm.n) as active_at_end
                        from generate_series($4::date, $5::date, interval '1 month') m
                        join (select x.month, sum(x.active_change) as n from x group by x.month) xm
                          on xm.month <= least(m.m::date, $3::date) group by 1)
                """ : "a as (select null::text as k, 0 as active_at_end where false)\n");
        sb.append("select k");
        for (String col : COLUMNS) {
            String expr = col.equals("active_at_end") ? "coalesce(f.active_at_end, 0) + coalesce(a.active_at_end, 0)"
                    : "coalesce(f." + col + ", 0)";
            sb.append(", (").append(expr).append(")::bigint as ").append(col);
        }
        sb.append(" from f full join a using (k) where k is not null and (coalesce(f.registrations, 0) > 0")
                .append(" or coalesce(f.reactivations, 0) > 0 or coalesce(f.acquisitions, 0) > 0")
                .append(" or coalesce(f.contributions, 0) > 0 or coalesce(f.lapsed, 0) > 0")
                .append(" or coalesce(f.incentive_lines, 0) > 0")
                .append(" or coalesce(f.active_at_end, 0) + coalesce(a.active_at_end, 0) > 0) order by k");
        return sb.toString();
    }
}
