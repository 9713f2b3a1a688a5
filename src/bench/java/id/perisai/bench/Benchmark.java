package id.perisai.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The project's benchmark (quality.md's performance table: P1–P9, G1): starts the packaged app against the local PostgreSQL and
 * measures each
 * goal against its target in one run, printing a table and writing it to target/benchmark/results.md. Run it with
 * {@code ./mvnw -Pbench package}; {@code -Dbench.goals=P1,P5} runs some goals only.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> goals = new LinkedHashSet<>(
                List.of(System.getProperty("bench.goals", "P1,P2,G1,P3,P4,P5,P6,P7,P8,P9").split(",")));
        int records = Integer.getInteger("bench.records", 100_000);
        int million = Integer.getInteger("bench.p2.records", 1_000_000);
        int participants = Integer.getInteger("bench.p5.participants", 100_000);
        int registry = Integer.getInteger("bench.g1.registry", 10_000_000);
        List<Report.Row> rows = new ArrayList<>();
        System.out.println("Perisai benchmark on " + Report.machine() + ": goals " + goals);
        BenchApp.resetSchema();
        // the order keeps goals from paying for each other: start-up on the freshly migrated schema, the latency goals
        // on small tables, then the bulk ones; PostgreSQL settles (checkpoint, vacuum) before each
        if (goals.contains("P6")) {
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady(); // migrates the schema
            }
            BenchApp.settle();
            rows.add(StartupBench.run(5));
            System.out.println(rows.get(rows.size() - 1));
        }
        if (goals.contains("P3") || goals.contains("P4")) {
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady();
                String token = app.partnerToken("BENCH-P3");
                BenchApp.settle();
                if (goals.contains("P3")) {
                    rows.addAll(LatencyBench.p3(app, token, 20));
                    System.out.println(rows.get(rows.size() - 1));
                    BenchApp.settle();
                }
                if (goals.contains("P4")) {
                    String batch = app.send(app.post("/v1/registration-batches", token, "application/x-ndjson",
                            Workload.ndjson(Workload.workers(70_000_000, 10, List.of()))).header("Idempotency-Key", "p4"),
                            202).get("batchId").asText();
                    rows.addAll(LatencyBench.p4(app, token, batch, 1000, 20));
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
        }
        if (goals.contains("P5")) {
            BenchApp.settle();
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady();
                rows.addAll(StatementBench.run(app, participants));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        if (goals.contains("P7")) {
            BenchApp.settle();
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady();
                rows.addAll(ReportsBench.run(app));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        if (goals.contains("P8")) {
            BenchApp.settle();
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady();
                rows.addAll(SponsorshipBench.run(app, Integer.getInteger("bench.p8.members", 10_000)));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        if (goals.contains("P9")) {
            BenchApp.settle();
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), WebhookBench.environment())) {
                app.awaitReady();
                rows.addAll(WebhookBench.run(app, Integer.getInteger("bench.p9.batches", 10)));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        IngestBench.Ingest hundredK = null;
        if (goals.contains("P1") || goals.contains("P2")) {
            BenchApp.settle();
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady();
                String token = app.partnerToken("BENCH-P1");
                if (goals.contains("P1")) {
                    rows.add(IngestBench.p1(app, token, "BENCH-P1", records));
                    hundredK = IngestBench.lastP1;
                    System.out.println(rows.get(rows.size() - 1));
                } else {
                    hundredK = IngestBench.ingest(app, token, IngestBench.ndjsonFile(20_000_000, records), records,
                            "p2-" + UUID.randomUUID());
                }
            }
        }
        if (goals.contains("G1")) {
            BenchApp.settle();
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady();
                String token = app.partnerToken("BENCH-G1");
                // warm, like P1's: a production service is
                IngestBench.ingest(app, token, IngestBench.ndjsonFile(31_000_000, 20_000), 20_000,
                        "g1-warm-up-" + UUID.randomUUID());
                rows.add(IngestBench.g1(app, token, "BENCH-G1", records, registry));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        if (goals.contains("P2")) {
            IngestBench.emptyParticipants();
            BenchApp.settle();
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                app.awaitReady();
                String token = app.partnerToken("BENCH-P2");
                IngestBench.Ingest big = IngestBench.ingest(app, token, IngestBench.ndjsonFile(40_000_000, million), million,
                        "p2-" + UUID.randomUUID());
                rows.add(IngestBench.p2(hundredK, big));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        Report.write(rows);
        long missed = rows.stream().filter(r -> !r.met()).count();
        System.out.println(missed == 0 ? "Every goal met." : missed + " goal(s) NOT met: see the table.");
        System.exit(0);
    }
}
