package id.perisai.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * P5: the incentive statement of a partner with 1,000 agents and 100,000 participants, each acquired and paying one
 * month in the current period (so 200,000 ledger lines are summed on every request), served in ≤ 0.5 s. The data
 * set is built through the API itself: registry import, agents, one registration batch, one contribution batch.
 */
final class StatementBench {

    static final int AGENTS = 1_000;

    static List<Report.Row> run(BenchApp app, int participants) throws Exception {
        String token = app.partnerToken("BENCH-P5");
        String admin = app.adminToken();
        long started = System.nanoTime();
        List<String> agents = createAgents(app, admin, token);
        List<Map<String, Object>> workers = Workload.workers(1_000_000, participants, agents);
        double registered = app.submitAndAwait("/v1/registration-batches", token, Workload.ndjson(workers), "p5-reg");
        String month = YearMonth.now(ZoneId.of("Asia/Jakarta")).toString();
        JsonNode quote = app.send(app.post("/v1/contributions/quote", token, "application/json",
                BenchApp.JSON.writeValueAsBytes(Map.of("nik", workers.get(0).get("nik"), "periodStart", month, "months", 1,
                        "payerType", "SELF"))),
                200);
        double paid = app.submitAndAwait("/v1/contribution-batches", token,
                Workload.ndjson(Workload.payments(workers, month, quote.get("amount").asLong())), "p5-pay");
        double setup = (System.nanoTime() - started) / 1e9;

        String path = "/v1/incentives/statements/" + month;
        JsonNode statement = app.send(app.get(path, token), 200);
        int acquisitions = 0;
        for (JsonNode a : statement.get("agents")) {
            acquisitions += a.get("acquisitions").asInt();
        }
        if (statement.get("agents").size() != AGENTS || acquisitions != participants) {
            throw new IllegalStateException("unexpected statement: " + statement.get("agents").size() + " agents, "
                    + acquisitions + " acquisitions");
        }
        for (int i = 0; i < 5; i++) {
            app.send(app.get(path, token), 200);
        }
        int samples = 30;
        double[] seconds = new double[samples];
        long bytes = 0;
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = BenchApp.HTTP.send(app.get(path, token).build(), HttpResponse.BodyHandlers.ofByteArray());
            seconds[i] = (System.nanoTime() - t) / 1e9;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("statement " + r.statusCode());
            }
            bytes = r.body().length;
        }
        Arrays.sort(seconds);
        double p50 = seconds[samples / 2];
        double max = seconds[samples - 1];
        String detail = String.format("%,d agents, %,d participants, %,d ledger lines, %,d-byte body; median %.0f ms over %d"
                + " sequential requests (data set built through the API in %.0f s: registrations %.1f s, contributions"
                + " %.1f s)", AGENTS, participants, 2L * participants, bytes, p50 * 1000, samples, setup, registered, paid);
        return List.of(new Report.Row("P5", "incentive statement, 1,000 agents / 100,000 participants",
                String.format("max %.0f ms", max * 1000), "≤ 500 ms", max <= 0.5, detail));
    }

    /** 1,000 agents: their people imported into the registry in one request, then registered in parallel. */
    static List<String> createAgents(BenchApp app, String admin, String token) throws Exception {
        List<Map<String, Object>> people = Workload.workers(5_000_000, AGENTS, List.of());
        List<Map<String, Object>> registry = new ArrayList<>();
        for (Map<String, Object> p : people) {
            registry.add(Map.of("nik", p.get("nik"), "status", "ACTIVE", "registeredOn", "2024-01-01"));
        }
        app.send(app.post("/v1/admin/registry/participants", admin, "application/json",
                BenchApp.JSON.writeValueAsBytes(Map.of("records", registry))), 200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> codes = new ArrayList<>();
            for (Map<String, Object> p : people) {
                codes.add(pool.submit(() -> {
                    Map<String, Object> application = Map.of("nik", p.get("nik"), "fullName", p.get("fullName"), "phone",
                            p.get("phone"), "bankCode", "BNI", "bankAccountNumber", "0123456789", "bankAccountName",
                            p.get("fullName"), "education", "SMA");
                    HttpRequest.Builder request = app.post("/v1/agents", token, "application/json",
                            BenchApp.JSON.writeValueAsBytes(application));
                    return app.send(request, 201).get("agentCode").asText();
                }));
            }
            List<String> agents = new ArrayList<>();
            for (Future<String> f : codes) {
                agents.add(f.get());
            }
            return agents;
        } finally {
            pool.shutdownNow();
        }
    }
}
