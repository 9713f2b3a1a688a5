package id.perisai.api.report.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import id.perisai.api.report.repository.ReportRepository.Figures;
import id.perisai.api.report.repository.ReportRepository.Grouping;
import id.perisai.api.support.Agents;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The counters of V18 give exactly what the live statement ({@link LiveFigures}) computes, on randomized data:
 * registrations and payments through the API at the last and first seconds of months (the movable clock), then
 * random moves between partners and agents (reactivations), voids, lapses, paid months, deleted contributions and
 * changed ledger lines written with SQL, in statements of many rows. Compared for every grouping, for each partner and
 * for the admin scopes, over random ranges and current months, with the journal unfolded, folded, and rebuilt from
 * scratch. The seed is in every message.
 */
@QuarkusTest
class ReportCountersTest {

    /** 1,000,000 with JHT, without any discount. */
    static final long FULL = 36_800;

    @Inject
    Pool pool;

    @Inject
    ReportRepository reports;

    @Inject
    ReportCounterRepository counters;

    @Test
    void countersGiveTheLiveFiguresOnRandomizedDataAcrossMonthEdges() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed;
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2033, 1, 1, 0, 0));
        List<String> partners = List.of(Fixtures.partner("RCA"), Fixtures.partner("RCB"), Fixtures.partner("RCC"));
        String office = "Counters " + Long.toString(seed & 0xffffff, 36);
        TestDb.update("update partner set branch_office = ? where code in (?, ?)", office, partners.get(0),
                partners.get(1));
        Map<String, List<String>> agents = new HashMap<>();
        for (String p : partners) {
            agents.put(p, List.of(Agents.create(p), Agents.create(p)));
        }
        // workers: [partner, nik, next unpaid month]
        List<String[]> workers = new ArrayList<>();
        YearMonth month = YearMonth.of(2033, 1);
        for (int step = 0; step < 6; step++) {
            month = month.plusMonths(1 + random.nextInt(3));
            // at a month's edge: its last seconds or the next month's first
            LocalDateTime at = random.nextBoolean() ? month.atEndOfMonth().atTime(23, 59, 58)
                    : month.plusMonths(1).atDay(1).atStartOfDay().plusSeconds(random.nextInt(3));
            time.setWib(at);
            String p = partners.get(random.nextInt(partners.size()));
            List<String> own = agents.get(p);
            String agent = random.nextInt(4) == 0 ? null : own.get(random.nextInt(own.size()));
            YearMonth registered = YearMonth.from(at);
            for (String[] w : Agents.registerWorkers(p, agent, 1 + random.nextInt(3))) {
                workers.add(new String[] { p, w[0], registered.toString() });
            }
            // some of every partner's workers pay 1–3 months from their first unpaid one
            for (String partner : partners) {
                List<Map<String, Object>> payments = new ArrayList<>();
                List<String[][]> paying = new ArrayList<>();
                for (String[] w : workers) {
                    if (w[0].equals(partner) && random.nextInt(3) > 0) {
                        int months = 1 + random.nextInt(3);
                        Map<String, Object> payment = Payments.payment(w[1], w[2], months, months * FULL, "SELF");
                        payment.put("paidAt", at.atOffset(ZoneOffset.ofHours(7)).toString());
                        payments.add(payment);
                        paying.add(new String[][] { w, { w[2] } });
                        w[2] = YearMonth.parse(w[2]).plusMonths(months).toString();
                    }
                }
                if (!payments.isEmpty()) {
                    List<Map<String, Object>> results = Payments.pay(partner, payments);
                    for (int i = 0; i < results.size(); i++) {
                        if (!"ACCEPTED".equals(results.get(i).get("status"))) {
                            // not paid after all: the worker's next unpaid month stays
                            paying.get(i)[0][2] = paying.get(i)[1][0];
                        }
                    }
                }
            }
        }
        assertFalse(workers.isEmpty(), why);

        // random changes with SQL, each a statement of many rows
        String ours = "partner_id in (select id from partner where code in ('" + String.join("', '", partners) + "'))";
        TestDb.update("update participant set covered_until = case when random() < 0.2 then null else"
                + " (registration_month + (floor(random() * 15)::int - 1) * interval '1 month')::date end"
                + " where " + ours + " and source = 'PARTNER' and random() < 0.4");
        // moves (a reactivation elsewhere): another partner of the three, one of its agents or none, a new month
        String move = "update participant p set partner_id = t.partner_id, agent_id = t.agent_id,"
                + " new_participant = random() < 0.5, registered_at = t.at,"
                + " registration_month = date_trunc('month', t.at at time zone 'Asia/Jakarta')::date,"
                + " covered_until = null from (select p0.id, pa.id as partner_id,"
                + " (select a.id from agent a where a.partner_id = pa.id and random() < 0.7 order by a.id limit 1)"
                + " as agent_id, timestamptz '2033-03-01 00:00:00+07' + floor(random() * 400) * interval '1 day'"
                + " - interval '1 second' * floor(random() * 2) as at from participant p0"
                + " join partner pa on pa.code = ? where p0." + ours + " and p0.source = 'PARTNER'"
                + " and random() < 0.3) t where p.id = t.id";
        for (String p : partners) {
            TestDb.update(move, p);
        }
        TestDb.update("update participant set status = case when random() < 0.5 then 'VOID' else 'LAPSED' end"
                + " where " + ours + " and source = 'PARTNER' and random() < 0.15");
        TestDb.update("delete from contribution_month where contribution_id in (select c.id from contribution c"
                + " join participant p on p.id = c.participant_id where p." + ours + " and random() < 0.1)");
        TestDb.update("delete from contribution c using participant p where p.id = c.participant_id and p." + ours
                + " and not exists (select 1 from contribution_month m where m.contribution_id = c.id)"
                + " and not exists (select 1 from incentive_line l where l.contribution_id = c.id)");
        TestDb.update("update incentive_line set amount = amount + 1000 where " + ours + " and random() < 0.3");

        List<Long> ids = new ArrayList<>();
        for (String p : partners) {
            ids.add(((Number) TestDb.query("select id from partner where code = ?", p).get(0).get("id")).longValue());
        }
        compare(random, ids, office, why + ", journal as written");
        counters.fold().await().indefinitely();
        compare(random, ids, office, why + ", folded");
        TestDb.query("select report_counter_rebuild()");
        compare(random, ids, office, why + ", rebuilt");
    }

    /**
     * Replicas folding at once while others write: every write's change lands in the counters exactly once (the
     * counters then equal the sums computed from scratch, {@code report_counter_rebuild}'s query).
     */
    @Test
    void concurrentFoldsAndWritesNeitherLoseNorRepeatAChange() throws Exception {
        MovableTime.installAtWib(LocalDateTime.of(2033, 5, 20, 10, 0));
        String p = Fixtures.partner("RCF");
        String agent = Agents.create(p);
        Agents.registerWorkers(p, agent, 6);
        String ours = "partner_id = (select id from partner where code = '" + p + "')";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        counters.fold().await().indefinitely();
                    }
                }));
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        TestDb.update("update participant set covered_until = (registration_month"
                                + " + floor(random() * 14)::int * interval '1 month')::date where " + ours);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        counters.fold().await().indefinitely();
        String sums = "sum(registrations) r, sum(reactivations) re, sum(contributions) c, sum(contribution_amount) ca,"
                + " sum(acquisitions) a, sum(paid3) p3, sum(paid6) p6, sum(paid12) p12, sum(lapsed) l,"
                + " sum(active_change) ac, sum(incentive_lines) il, sum(incentives) inc";
        String nonZero = " having (" + sums.replaceAll(" [a-z0-9]+(,|$)", ",").replaceAll(",$", "")
                + ") <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)";
        String counted = "select partner_id, agent_id, month, " + sums + " from (select " + ReportRepository.COUNTERS
                + " from report_counter union all select " + ReportRepository.COUNTERS
                + " from report_counter_delta) x group by 1, 2, 3" + nonZero;
        String fresh = "select partner_id, agent_id, month, " + sums + " from ("
                + "select i.* from participant p cross join lateral report_participant_items(p, 1) i union all"
                + " select i.* from contribution c join participant p on p.id = c.participant_id"
                + " cross join lateral report_contribution_items(c, p, 1) i union all"
                + " select i.* from incentive_line l cross join lateral report_incentive_items(l, 1) i union all"
                + " select i.* from incentive_line l left join participant p on p.id = l.participant_id"
                + " cross join lateral report_acquisition_items(l, p, 1) i) x group by 1, 2, 3" + nonZero;
        assertEquals(0, TestDb.count("select count(*) from ((" + counted + " except " + fresh + ") union all (" + fresh
                + " except " + counted + ")) d"));
    }

    /**
     * Random ranges and current months, every grouping, each partner and the admin scopes; at least a third of the
     * comparisons must have rows (the random ranges cannot all miss the data).
     */
    void compare(Random random, List<Long> partnerIds, String office, String why) {
        int compared = 0;
        int withRows = 0;
        YearMonth first = YearMonth.of(2032, 12);
        for (int round = 0; round < 10; round++) {
            YearMonth from = first.plusMonths(random.nextInt(26));
            YearMonth to = from.plusMonths(random.nextInt(12));
            YearMonth current = first.plusMonths(random.nextInt(32));
            for (Grouping g : Grouping.values()) {
                List<Object[]> scopes = new ArrayList<>();
                for (Long id : partnerIds) {
                    scopes.add(new Object[] { id, null });
                }
                scopes.add(new Object[] { null, office });
                scopes.add(new Object[] { partnerIds.get(0), office });
                scopes.add(new Object[] { null, null });
                for (Object[] s : scopes) {
                    Long partnerId = (Long) s[0];
                    String branchOffice = (String) s[1];
                    LocalDate f = from.atDay(1);
                    LocalDate t = to.atDay(1);
                    LocalDate c = current.atDay(1);
                    List<Figures> live = LiveFigures.figures(pool, g, f, t, partnerId, branchOffice, c);
                    List<Figures> counted = reports.figures(g, f, t, partnerId, branchOffice, c).await().indefinitely();
                    assertEquals(live, counted, why + ": " + g + " " + from + "…" + to + " as of " + current
                            + ", partner " + partnerId + ", office " + branchOffice);
                    compared++;
                    withRows += live.isEmpty() ? 0 : 1;
                }
            }
        }
        assertTrue(withRows * 3 >= compared, why + ": " + withRows + " of " + compared + " with rows");
    }
}
