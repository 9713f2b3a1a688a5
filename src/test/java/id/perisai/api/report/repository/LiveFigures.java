package id.perisai.api.report.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import id.perisai.api.common.time.TimeSource;
import id.perisai.api.participant.rules.Coverage;
import id.perisai.api.report.repository.ReportRepository.Figures;
import id.perisai.api.report.repository.ReportRepository.Grouping;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The report's figures computed live from participant, contribution and incentive_line — the statement the reports
 * ran before the counters of V18 (issue 16), kept as the reference the counters are checked against
 * ({@code ReportCountersTest}). Its own words: participant-based metrics follow the participant's current partner and
 * agent, acquisitions and incentives the ledger lines'.
 */
public final class LiveFigures {

    static final String SESSION_SETTINGS = "set local jit = off; set local work_mem = '32MB'";

    private LiveFigures() {
    }

    /** As {@link ReportRepository#figures}, live. */
    public static List<Figures> figures(Pool pool, Grouping grouping, LocalDate from, LocalDate to, Long partnerId,
            String branchOffice, LocalDate current) {
        OffsetDateTime fromTs = from.atStartOfDay(TimeSource.WIB).toOffsetDateTime();
        OffsetDateTime toTs = to.plusMonths(1).atStartOfDay(TimeSource.WIB).toOffsetDateTime();
        Tuple params = Tuple.from(new Object[] { fromTs, toTs, partnerId, branchOffice, current, from, to });
        return pool.withTransaction(conn -> conn.query(SESSION_SETTINGS).execute()
                .flatMap(ignored -> conn.preparedQuery(sql(grouping, partnerId != null)).execute(params)))
                .map(ReportRepository::figures).await().indefinitely();
    }

    /** The key expression for a source whose month column is {@code month}, or over the participant histogram. */
    static String key(Grouping g, String month, boolean histogram) {
        if (histogram) {
            return switch (g) {
                case AGENT -> "coalesce(p.a_agent_code, '" + ReportRepository.NO_AGENT + "')";
                case MONTH -> "to_char(" + month + ", 'YYYY-MM')";
                case PARTNER -> "p.pa_code";
                case BRANCH_OFFICE -> "p.pa_branch_office";
            };
        }
        return switch (g) {
            case AGENT -> "coalesce(a.agent_code, '" + ReportRepository.NO_AGENT + "')";
            case MONTH -> "to_char(" + month + ", 'YYYY-MM')";
            case PARTNER -> "pa.code";
            case BRANCH_OFFICE -> "pa.branch_office";
        };
    }

    /**
     * One statement: a grouped subquery per source, padded to the same columns, summed per key. Parameters: $1/$2 the
     * range as instants, $3 partner id or null, $4 branch office or null, $5 the current month, $6/$7 the range's
     * first and last month.
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
        sb.append("reg as (select ").append(key(g, "p.registration_month", true)).append(" as k,")
                .append(" sum(p.n) filter (where p.new_participant) as registrations,")
                .append(" sum(p.n) filter (where not p.new_participant) as reactivations")
                .append(" from ph p where p.partner_source and p.in_range group by 1),\n");
        sb.append("acq as (select ").append(key(g, "l.period", false)).append(" as k, count(*) as acquisitions");
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
        sb.append("con as (select ").append(key(g, "(c.accepted_at at time zone 'Asia/Jakarta')", false)).append(" as k,")
                .append(" count(*) as contributions, sum(c.amount) as contribution_amount")
                .append(" from contribution c join participant p on p.id = c.participant_id")
                .append(" join partner pa on pa.id = p.partner_id left join agent a on a.id = p.agent_id")
                .append(" where c.accepted_at >= $1 and c.accepted_at < $2").append(filter).append(" group by 1),\n");
        sb.append("lap as (select ").append(key(g, lapseMonth, true)).append(" as k, sum(p.n) as lapsed")
                .append(" from ph p where p.status = 'ACTIVE' and ").append(lapseMonth).append(" >= $6 and ")
                .append(lapseMonth).append(" <= least($7::date, $5::date) group by 1),\n");
        // active at the end of month m: registered by m and m not after the last month before the lapse; counted over
        // a histogram of (start, last active month) pairs, so the participants are read once whatever the months
        String histKey = g == Grouping.MONTH ? "''" : key(g, null, true);
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
        sb.append("inc as (select ").append(key(g, "l.period", false)).append(" as k, sum(l.amount) as incentives")
                .append(" from incentive_line l join partner pa on pa.id = l.partner_id left join agent a on a.id = l.agent_id")
                .append(" where l.period >= $6 and l.period <= $7").append(filter).append(" group by 1)\n");
        sb.append("select k");
        for (String c : ReportRepository.COLUMNS) {
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
            for (String c : ReportRepository.COLUMNS) {
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
