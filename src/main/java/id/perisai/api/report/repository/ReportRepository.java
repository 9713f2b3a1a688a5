package id.perisai.api.report.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.time.TimeSource;
import id.perisai.api.participant.rules.Coverage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The performance report's figures, computed live from the tables the batches write (participant, contribution,
 * incentive_line) in one aggregate statement per report.
 * <p>
 * <b>Live aggregates, not maintained counters — and what the measurement says (benchmark P7).</b> Live queries are
 * exact and "real time" by construction (a report sees every batch committed before it is asked) and add no work to
 * the hot write path (P3's 1-record batches at 200/s would otherwise each update counter rows, all of one partner
 * contending for the same rows) nor a second truth to keep consistent with voids, lapses and reactivations (which move
 * a participant's history to another partner). P7 on the 1,000,000-participant benchmark data (EXPLAIN ANALYZE and
 * psql {@code \timing} of this statement, 12 months; the machine has 2 cores shared with other builds and was loaded,
 * load average 3–13, so figures vary by ±50% from run to run):
 * <ul>
 * <li>before (2026-12-01): a partner's 12 months by agent 2.6–3.4 s, the admin report by branch office 5.6–7.9 s.
 * The profile: JIT compilation of the statement's ~440 expressions 0.9 s; the participants scanned three times
 * (registrations, lapsed, active); each acquisition line joined with all 1,000,000 participants even for one
 * partner; paid months computed in numeric arithmetic three times per line; hash joins and sorts spilling to disk
 * at 4 MB work_mem.</li>
 * <li>after (same day, same data, results identical for every grouping): JIT off and 32 MB work_mem for this
 * statement's transaction, one histogram pass over the participants, acquired participants looked up among the
 * partner's own, integer paid months — 15–30% less at equal load (partner 3.6 s vs 4.2–4.5 s old at load 12;
 * 1.6–1.9 s at load 3, where the old took 1.6–3.4 s; admin 9.7 s vs 11.9 s old at load 13). No index helped: with a
 * 12-month range the statement reads nearly every contribution and ledger line of its scope, and a covering
 * index on contribution (participant_id, accepted_at) made the per-participant probes no faster than the hash join.
 * </li>
 * </ul>
 * So P7's two report goals (0.5 s, 2 s) are <b>still not met</b> live: the statement must touch ~300,000 rows for one
 * partner and ~3,000,000 for the admin report, which this machine cannot do in the budget. The next step, not done:
 * monthly counters per (partner, agent, month) for the additive metrics (registrations, reactivations, acquisitions,
 * contributions, incentives), written by a debounced after-commit job (within the 5 s of growth.md §3) rather than in
 * the batch transaction, re-attributed on reactivation, with only activeAtEnd, lapsed and persistency left live (the
 * histogram pass, ~0.3 s for one partner).
 * <p>
 * Attribution: participant-based metrics (registrations, reactivations, contributions, active, lapsed) follow the
 * participant's current partner and agent (a reactivation moves a participant, and its history, to the reactivating
 * partner); acquisitions and incentives follow the ledger lines' partner and agent.
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

        /** The key expression for a source whose month column is {@code month}. */
        String key(String month) {
            return key(month, false);
        }

        /** The same over the participant histogram {@code ph}, whose partner and agent columns are prefixed. */
        String key(String month, boolean histogram) {
            if (histogram) {
                return switch (this) {
                    case AGENT -> "coalesce(p.a_agent_code, '" + NO_AGENT + "')";
                    case MONTH -> "to_char(" + month + ", 'YYYY-MM')";
                    case PARTNER -> "p.pa_code";
                    case BRANCH_OFFICE -> "p.pa_branch_office";
                };
            }
            return switch (this) {
                case AGENT -> "coalesce(a.agent_code, '" + NO_AGENT + "')";
                case MONTH -> "to_char(" + month + ", 'YYYY-MM')";
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

    /** Settings of the report's transaction only (SET LOCAL). */
    static final String SESSION_SETTINGS = "set local jit = off; set local work_mem = '32MB'";

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
        OffsetDateTime fromTs = from.atStartOfDay(TimeSource.WIB).toOffsetDateTime();
        OffsetDateTime toTs = to.plusMonths(1).atStartOfDay(TimeSource.WIB).toOffsetDateTime();
        Tuple params = Tuple.from(new Object[] { fromTs, toTs, partnerId, branchOffice, current, from, to });
        // JIT off: the statement's cost estimate crosses jit_above_cost, and compiling its ~440 expressions took
        // 0.9 s of the admin report's time (EXPLAIN ANALYZE on 1M participants) for no measurable gain in execution;
        // a larger work_mem keeps the participant histogram and the joins' hash tables in memory (no temp files)
        return pool.withTransaction(conn -> conn.query(SESSION_SETTINGS).execute()
                .flatMap(ignored -> conn.preparedQuery(sql(grouping, partnerId != null)).execute(params))).map(rows -> {
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
                });
    }

    /** New participants (not VOID) registered in {@code [start, end)} per partner, for the targets. */
    public Uni<List<Achieved>> achieved(OffsetDateTime start, OffsetDateTime end) {
        return pool.preparedQuery("""
                select pa.code, pa.branch_office, count(*) as n
                  from participant p join partner pa on pa.id = p.partner_id
                 where p.source = 'PARTNER' and p.new_participant and p.status <> 'VOID'
                   and p.registered_at >= $1 and p.registered_at < $2
                 group by pa.code, pa.branch_office
                """).execute(Tuple.of(start, end)).map(rows -> {
            List<Achieved> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Achieved(r.getString("code"), r.getString("branch_office"), r.getLong("n")));
            }
            return out;
        });
    }

    /**
     * One statement: a grouped subquery per source, padded to the same columns, summed per key. Parameters: $1/$2 the
     * range as instants, $3 partner id or null, $4 branch office or null, $5 the current month, $6/$7 the range's
     * first and last month. {@code onePartner}: $3 will not be null (the plan of one partner's report).
     */
    static String sql(Grouping g, boolean onePartner) {
        String filter = " and ($3::bigint is null or pa.id = $3) and ($4::text is null or pa.branch_office = $4)";
        // months paid since registration (covered_until and registration_month are first days), in integers
        String paidMonths = "(case when q.covered_until is null then 0 else (date_part('year', q.covered_until)::int * 12"
                + " + date_part('month', q.covered_until)::int) - (date_part('year', q.registration_month)::int * 12"
                + " + date_part('month', q.registration_month)::int) + 1 end)";
        String firstUnpaid = "coalesce((p.covered_until + interval '1 month')::date, p.registration_month)";
        // the month whose first day makes the participant LAPSED (Coverage: first unpaid month + arrears + 1)
        String lapseMonth = "(" + firstUnpaid + " + interval '" + (Coverage.ARREARS_MONTHS + 1) + " months')::date";
        String lastActive = "(" + firstUnpaid + " + interval '" + Coverage.ARREARS_MONTHS + " months')::date";
        // the participants of the scope read once: a histogram of the columns reg, lap and hist need (at most one
        // row per partner, agent, months and flags, a tenth of the participants), joined to partner and agent after
        StringBuilder sb = new StringBuilder("with\n");
        sb.append("ph0 as (select p.partner_id, p.agent_id, p.registration_month, p.covered_until, p.status,")
                .append(" p.source = 'PARTNER' as partner_source, p.new_participant,")
                .append(" (p.registered_at >= $1 and p.registered_at < $2) as in_range, count(*) as n")
                .append(" from participant p where p.status <> 'VOID' and ($3::bigint is null or p.partner_id = $3)")
                .append(" group by 1, 2, 3, 4, 5, 6, 7, 8),\n");
        sb.append("ph as materialized (select pa.id as pa_id, pa.code as pa_code, pa.branch_office as pa_branch_office,")
                .append(" a.agent_code as a_agent_code, ph0.*")
                .append(" from ph0 join partner pa on pa.id = ph0.partner_id left join agent a on a.id = ph0.agent_id")
                .append(" where true").append(filter).append("),\n");
        sb.append("reg as (select ").append(g.key("p.registration_month", true)).append(" as k,")
                .append(" sum(p.n) filter (where p.new_participant) as registrations,")
                .append(" sum(p.n) filter (where not p.new_participant) as reactivations")
                .append(" from ph p where p.partner_source and p.in_range group by 1),\n");
        sb.append("acq as (select ").append(g.key("l.period")).append(" as k, count(*) as acquisitions");
        for (int k : new int[] { 3, 6, 12 }) {
            String measured = "l.period <= ($5::date - interval '" + k + " months')::date";
            sb.append(", count(*) filter (where ").append(measured).append(") as measured").append(k)
                    .append(", count(*) filter (where ").append(measured).append(" and q.paid_months >= ").append(k)
                    .append(") as paid").append(k);
        }
        // the acquired participant. For one partner: looked up among that partner's participants (a hash join with
        // its 100,000 rather than with all 1,000,000), and by id only where it moved to another partner since; over
        // all partners a plain join (the lateral lookup would keep the plan from running in parallel)
        if (onePartner) {
            sb.append(" from incentive_line l")
                    .append(" left join participant p0 on p0.id = l.participant_id and p0.partner_id = l.partner_id")
                    .append(" left join lateral (select p1.status, p1.covered_until, p1.registration_month")
                    .append(" from participant p1 where p0.id is null and p1.id = l.participant_id offset 0) p1 on true")
                    .append(" cross join lateral (select case when p0.id is null then p1.status else p0.status end")
                    .append(" as status, case when p0.id is null then p1.covered_until else p0.covered_until end")
                    .append(" as covered_until, case when p0.id is null then p1.registration_month")
                    .append(" else p0.registration_month end as registration_month) q0")
                    .append(" cross join lateral (select q0.status, ").append(paidMonths.replace("q.", "q0."))
                    .append(" as paid_months) q");
        } else {
            sb.append(" from incentive_line l join participant p on p.id = l.participant_id")
                    .append(" cross join lateral (select p.status, ").append(paidMonths.replace("q.", "p."))
                    .append(" as paid_months) q");
        }
        sb.append(" join partner pa on pa.id = l.partner_id left join agent a on a.id = l.agent_id")
                .append(" where l.type = 'ACQUISITION' and l.period >= $6 and l.period <= $7 and q.status <> 'VOID'")
                .append(filter).append(" group by 1),\n");
        sb.append("con as (select ").append(g.key("(c.accepted_at at time zone 'Asia/Jakarta')")).append(" as k,")
                .append(" count(*) as contributions, sum(c.amount) as contribution_amount")
                .append(" from contribution c join participant p on p.id = c.participant_id")
                .append(" join partner pa on pa.id = p.partner_id left join agent a on a.id = p.agent_id")
                .append(" where c.accepted_at >= $1 and c.accepted_at < $2").append(filter).append(" group by 1),\n");
        sb.append("lap as (select ").append(g.key(lapseMonth, true)).append(" as k, sum(p.n) as lapsed")
                .append(" from ph p where p.status = 'ACTIVE' and ").append(lapseMonth).append(" >= $6 and ")
                .append(lapseMonth).append(" <= least($7::date, $5::date) group by 1),\n");
        // active at the end of month m: registered by m and m not after the last month before the lapse; counted over
        // a histogram of (start, last active month) pairs, so the participants are read once whatever the months
        String histKey = g == Grouping.MONTH ? "''" : g.key(null, true);
        sb.append("hist as (select ").append(histKey).append(" as k0, p.registration_month as s, ").append(lastActive)
                .append(" as e, sum(p.n) as n from ph p")
                .append(" where p.status = 'ACTIVE' and p.partner_source and p.registration_month <= $7")
                .append(" group by 1, 2, 3),\n");
        sb.append(g == Grouping.MONTH
                ? "months as (select m::date as m from generate_series($6::date, $7::date, interval '1 month') m),\n"
                : "months as (select $7::date as m),\n");
        sb.append("act as (select ").append(g == Grouping.MONTH ? "to_char(months.m, 'YYYY-MM')" : "hist.k0")
                .append(" as k, sum(hist.n) as active_at_end from hist join months")
                .append(" on hist.s <= least(months.m, $5::date) and hist.e >= least(months.m, $5::date) group by 1),\n");
        sb.append("inc as (select ").append(g.key("l.period")).append(" as k, sum(l.amount) as incentives")
                .append(" from incentive_line l join partner pa on pa.id = l.partner_id left join agent a on a.id = l.agent_id")
                .append(" where l.period >= $6 and l.period <= $7").append(filter).append(" group by 1)\n");
        sb.append("select k");
        for (String c : COLUMNS) {
            sb.append(", sum(").append(c).append(")::bigint as ").append(c);
        }
        sb.append(" from (\n");
        String[][] sources = { { "reg", "registrations", "reactivations" },
                { "acq", "acquisitions", "measured3", "paid3", "measured6", "paid6", "measured12", "paid12" },
                { "con", "contributions", "contribution_amount" }, { "lap", "lapsed" }, { "act", "active_at_end" },
                { "inc", "incentives" } };
        for (int s = 0; s < sources.length; s++) {
            if (s > 0) {
                sb.append(" union all\n");
            }
            sb.append("select k");
            for (String c : COLUMNS) {
                boolean has = false;
                for (int i = 1; i < sources[s].length; i++) {
                    has |= sources[s][i].equals(c);
                }
                sb.append(", ").append(has ? c + "::bigint" : "0::bigint").append(" as ").append(c);
            }
            sb.append(" from ").append(sources[s][0]);
        }
        sb.append("\n) u where k is not null group by k order by k");
        return sb.toString();
    }
}
