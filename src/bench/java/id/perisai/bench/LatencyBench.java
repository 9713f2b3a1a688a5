package id.perisai.bench;

import java.util.List;
import java.util.UUID;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * P3: 1-record registration batches from 32 concurrent clients — throughput ≥ 0.6× pgbench running the same SQL work
 * at the same concurrency, with p99 no worse than pgbench's own (quality.md, as raised by issue 18). P4: GET /v1/quota
 * and GET /v1/registration-batches/{id} at a constant 1,000 requests/s — p99 ≤ 10 ms.
 */
final class LatencyBench {

    static final int CLIENTS = 32;

    static List<Report.Row> p3(BenchApp app, String token, double seconds) throws Exception {
        Load.Result r;
        long base = 60_000_000;
        try (Load load = new Load(app.port, CLIENTS)) {
            r = load.closed(CLIENTS, 5, seconds, n -> new Load.Call(HttpMethod.POST, "/v1/registration-batches", token,
                    "application/json",
                    Buffer.buffer(json(java.util.Map.of("records", List.of(Workload.worker(base, n, null))))),
                    "p3-" + UUID.randomUUID(),
                    202));
        }
        // the rate counts only work that is finished: batches still waiting for a worker when the load stops are
        // waited for, and the time it takes is added
        long drainStart = System.nanoTime();
        long open = BenchApp.openBatches();
        while (BenchApp.openBatches() > 0) {
            Thread.sleep(50);
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        double completedRate = r.latenciesMs().length / (r.seconds() + drain);
        BenchApp.settle();
        PgBench.Result pg = PgBench.run(CLIENTS, seconds);
        double ratio = completedRate / pg.tps();
        boolean met = r.percentile(99) <= pg.p99Ms() && ratio >= 0.6;
        String detail = String.format("%d clients for %.0f s (after 5 s warm-up): %s; %d batches still open when the"
                + " load stopped, done %.1f s later: %,.0f batches COMPLETED/s; pgbench (the same inserts and quota"
                + " update in one transaction, %d clients): %,.0f tps, p99 %.1f ms; ratio %.2f", CLIENTS, seconds,
                Load.summary(r), open, drain, completedRate, CLIENTS, pg.tps(), pg.p99Ms(), ratio);
        return List.of(new Report.Row("P3", "1-record batches, 32 clients", String.format("p99 %.1f ms; %.2f× pgbench"
                + " (%,.0f/s vs %,.0f tps)", r.percentile(99), ratio, completedRate, pg.tps()), "≥ 0.6×, p99 ≤ pgbench's",
                met, detail));
    }

    static List<Report.Row> p4(BenchApp app, String token, String batchId, double rate, double seconds) throws Exception {
        Load.Result quota;
        Load.Result batch;
        try (Load load = new Load(app.port, 64)) {
            quota = load.open(rate, 5, seconds, n -> new Load.Call(HttpMethod.GET, "/v1/quota", token, null, null, null,
                    200));
        }
        try (Load load = new Load(app.port, 64)) {
            batch = load.open(rate, 5, seconds, n -> new Load.Call(HttpMethod.GET, "/v1/registration-batches/" + batchId,
                    token, null, null, null, 200));
        }
        boolean met = quota.percentile(99) <= 10 && batch.percentile(99) <= 10 && quota.failures() == 0
                && batch.failures() == 0;
        String detail = String.format("constant %,.0f req/s for %.0f s each (after 5 s warm-up, latency from the"
                + " scheduled start): GET /v1/quota %s; GET /v1/registration-batches/{id} %s", rate, seconds,
                Load.summary(quota), Load.summary(batch));
        return List.of(new Report.Row("P4", "reads at 1,000 req/s", String.format("p99 %.1f ms / %.1f ms",
                quota.percentile(99), batch.percentile(99)), "p99 ≤ 10 ms", met, detail));
    }

    static byte[] json(Object value) {
        try {
            return BenchApp.JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
