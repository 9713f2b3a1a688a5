package id.perisai.bench;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * P7: over 1,000,000 participants, (a) a partner's performance report over 12 months by agent ≤ 0.5 s — the partner
 * has 1,000 agents and 100,000 of the participants, as P5's — (b) the admin report by branch office over all of them
 * ≤ 2 s, and (c) the first page of that partner's {@code GET /v1/collections/due} ≤ 0.2 s.
 * <p>
 * The data set is written with SQL, not through the API (1,000,000 registrations and their contributions and ledger
 * lines through the API would take the benchmark's whole budget, and P1/P2/P5 already measure that path): 100
 * partners in 10 branch offices, 1,990 agents, participants registered over the last 12 months, each paid for 0–13
 * months (one contribution row each), an ACQUISITION line for every new participant that paid. The NIK columns hold
 * unique filler bytes: the reports never read them.
 */
final class ReportsBench {

    static final int PARTICIPANTS = 1_000_000;
    static final int OWN = 100_000;
    static final int OWN_AGENTS = 1_000;

    static List<Report.Row> run(BenchApp app) throws Exception {
        String admin = app.adminToken();
        app.partnerToken("BENCH-P7");
        JsonNode client = app.send(app.post("/v1/admin/partners/BENCH-P7/clients", admin, "application/json",
                BenchApp.JSON
                        .writeValueAsBytes(Map.of("name", "reports", "scopes", List.of("reports:read", "contributions:read")))),
                201);
        String token = app.token(client.get("clientId").asText(), client.get("clientSecret").asText());
        long started = System.nanoTime();
        build();
        double setup = (System.nanoTime() - started) / 1e9;

        YearMonth to = YearMonth.now(ZoneId.of("Asia/Jakarta"));
        YearMonth from = to.minusMonths(11);
        String partnerPath = "/v1/reports/performance?from=" + from + "&to=" + to + "&groupBy=agent";
        String adminPath = "/v1/admin/reports/performance?from=" + from + "&to=" + to + "&groupBy=branchOffice";
        JsonNode own = app.send(app.get(partnerPath, token), 200);
        JsonNode all = app.send(app.get(adminPath, admin), 200);
        if (own.get("rows").size() != OWN_AGENTS || all.get("rows").size() != 10
                || all.get("total").get("registrations").asLong() < PARTICIPANTS * 8L / 10) {
            throw new IllegalStateException("unexpected reports: " + own.get("rows").size() + " agents, "
                    + all.get("rows").size() + " branch offices, total " + all.get("total"));
        }
        double[] partner = time(app, partnerPath, token, 20);
        double[] branch = time(app, adminPath, admin, 10);
        // P7's third part: the first page of the partner's collection list (of its 100,000 participants)
        double[] due = time(app, "/v1/collections/due?limit=50", token, 20);
        String detail = String.format("1,000,000 participants (100 partners, 10 branch offices, 1,990 agents; %,d"
                + " contributions and %,d acquisitions), written with SQL in %.0f s; partner report (1,000 agents, 100,000"
                + " participants, 12 months by agent) median %.0f ms / max %.0f ms over 20 sequential requests; admin"
                + " report by branch office over all 12 months median %.0f ms / max %.0f ms over 10; monthly counters"
                + " (V18, kept by triggers, journal folded every second); GET /v1/collections/due first page (50)"
                + " median %.0f ms / max %.0f ms over 20",
                count("contribution"), count("incentive_line"), setup, partner[0] * 1000, partner[1] * 1000,
                branch[0] * 1000, branch[1] * 1000, due[0] * 1000, due[1] * 1000);
        return List.of(new Report.Row("P7",
                "reports over 1,000,000 participants (partner 12 months / admin by branch / collections due first page)",
                String.format("max %.0f ms / %.0f ms / %.0f ms", partner[1] * 1000, branch[1] * 1000, due[1] * 1000),
                "≤ 500 ms / ≤ 2 s / ≤ 200 ms", partner[1] <= 0.5 && branch[1] <= 2.0 && due[1] <= 0.2, detail));
    }

    /** Median and max seconds of sequential requests, after two warm-ups. */
    static double[] time(BenchApp app, String path, String token, int samples) throws Exception {
        for (int i = 0; i < 2; i++) {
            app.send(app.get(path, token), 200);
        }
        double[] seconds = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = BenchApp.HTTP.send(app.get(path, token).build(), HttpResponse.BodyHandlers.ofByteArray());
            seconds[i] = (System.nanoTime() - t) / 1e9;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " → " + r.statusCode());
            }
        }
        Arrays.sort(seconds);
        return new double[] { seconds[samples / 2], seconds[samples - 1] };
    }

    static long count(String table) throws Exception {
        try (Connection c = BenchApp.db();
                Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void build() throws Exception {
        try (Connection c = BenchApp.db(); Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            // 99 more partners in 10 branch offices (BENCH-P7 is in Jakarta Salemba, which becomes one of them)
            s.execute("""
                    insert into partner (code, name, type, branch_office, registrations_per_day, contributions_per_day,
                                         max_batch_records, requests_per_minute)
                    select 'BENCH-P7-' || lpad(i::text, 3, '0'), 'Benchmark partner ' || i, 'COMMUNITY',
                           case when i % 10 = 0 then 'Jakarta Salemba' else 'Cabang ' || (i % 10) end, 1000, 1000, 1000, 600
                      from generate_series(1, 99) i
                    """);
            s.execute("""
                    create temporary table bench_partner as
                    select p.id, row_number() over (order by p.code) - 1 as n from partner p where p.code like 'BENCH-P7%'
                    """);
            // agents: 1,000 of BENCH-P7 (n = 0), 10 of each other partner; each an ACTIVE registry participant
            s.execute("""
                    create temporary table bench_agent as
                    select row_number() over () as k, bp.id as partner_id, bp.n
                      from bench_partner bp, generate_series(1, case when bp.n = 0 then 1000 else 10 end)
                    """);
            s.execute("""
                    insert into participant (id, nik_index, nik_cipher, nik_masked, status, source, registered_at,
                                             registration_month)
                    select md5('agent' || k)::uuid, decode(md5('agent' || k), 'hex'), '\\x00'::bytea, '3201**********0000',
                           'ACTIVE', 'REGISTRY', '2024-01-01', '2024-01-01'
                      from bench_agent
                    """);
            s.execute(
                    """
                            insert into agent (agent_code, partner_id, participant_id, nik_index, nik_cipher, nik_masked, full_name,
                                               phone, bank_code, bank_account_cipher, bank_account_masked, bank_account_name,
                                               education, status)
                            select 'AGP7' || lpad(k::text, 8, '0'), partner_id, md5('agent' || k)::uuid, decode(md5('agent' || k), 'hex'),
                                   '\\x00'::bytea, '3201**********0000', 'Agen Benchmark', '+6281300000000', 'BNI', '\\x00'::bytea,
                                   '******0000', 'AGEN BENCHMARK', 'SMA', 'ACTIVE'
                              from bench_agent
                            """);
            s.execute("""
                    create temporary table bench_agent_ids as
                    select a.id, ba.n, row_number() over (partition by ba.n order by a.id) - 1 as j
                      from agent a join bench_agent ba on a.agent_code = 'AGP7' || lpad(ba.k::text, 8, '0')
                    """);
            s.execute("create index on bench_agent_ids (n, j)");
            // participants: i < 100,000 belong to BENCH-P7 (1,000 agents), the rest to the 99 others (10 agents each)
            s.execute(
                    """
                            insert into participant (id, nik_index, nik_cipher, nik_masked, phone, occupation, monthly_income,
                                                     status, source, partner_id, registered_by_partner_id, agent_id, registered_at,
                                                     registration_month, covered_until, new_participant)
                            select md5('p' || i)::uuid, decode(md5('p' || i), 'hex'), '\\x00'::bytea, '3201**********0000',
                                   '+62812' || lpad(i::text, 8, '0'), 'PEDAGANG', 1000000, 'ACTIVE', 'PARTNER', bp.id, bp.id, a.id,
                                   r.at, date_trunc('month', r.at at time zone 'Asia/Jakarta')::date,
                                   case when i % 14 = 0 then null
                                        else (date_trunc('month', r.at at time zone 'Asia/Jakarta') + ((i % 14) - 1) * interval '1 month')::date end,
                                   i % 20 <> 0
                              from generate_series(0, 999999) i
                              cross join lateral (select case when i < 100000 then 0 else 1 + (i % 99) end as n) pn
                              join bench_partner bp on bp.n = pn.n
                              join bench_agent_ids a on a.n = pn.n and a.j = (i % case when pn.n = 0 then 1000 else 10 end)
                              cross join lateral (select now() - ((i % 360) || ' days')::interval - ((i % 86400) || ' seconds')::interval as at) r
                            """);
            s.execute("""
                    insert into incentive_period (period, status)
                    select distinct registration_month, 'OPEN' from participant where source = 'PARTNER'
                    on conflict do nothing
                    """);
            s.execute("""
                    insert into contribution (id, participant_id, partner_id, payment_ref, period_start, months, amount,
                                              payer_type, paid_at, batch_id, batch_index, accepted_at)
                    select md5('c' || p.id)::uuid, p.id, p.partner_id, 'P7-' || p.id, p.registration_month,
                           greatest(1, (extract(year from age(p.covered_until, p.registration_month)) * 12
                                        + extract(month from age(p.covered_until, p.registration_month)))::int + 1),
                           16800, 'SELF', p.registered_at, '00000000-0000-0000-0000-000000000007', 0,
                           p.registered_at + interval '1 hour'
                      from participant p where p.source = 'PARTNER' and p.covered_until is not null
                    """);
            s.execute("""
                    insert into incentive_line (period, partner_id, agent_id, scheme_id, type, participant_id, source_type,
                                                basis, rate, amount, created_at)
                    select p.registration_month, p.partner_id, p.agent_id, sc.id, 'ACQUISITION', p.id, 'REGISTRATION', 1,
                           10000, 10000, p.registered_at + interval '1 hour'
                      from participant p, incentive_scheme sc
                     where sc.code = 'PERISAI-2022' and p.source = 'PARTNER' and p.new_participant
                       and p.covered_until is not null
                    """);
            s.execute("analyze participant");
            s.execute("analyze contribution");
            s.execute("analyze incentive_line");
            s.execute("analyze agent");
            s.execute("analyze partner");
        }
    }
}
