package id.perisai.bench;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * P9: webhook delivery lag, batch COMPLETED → first delivery attempt, p99 ≤ 1 s with 100 endpoints. A receiver in
 * this JVM on 127.0.0.1 (allow-listed for the app, {@code PERISAI_WEBHOOK_ALLOWED_HOSTS}) answers 204 at once; 10
 * partners with 10 endpoints each (100 endpoints, all subscribed to {@code batch.completed}) submit small registration
 * batches concurrently, each completion fanning out to its partner's 10 endpoints. The lag of a delivery is the time
 * the receiver got its first request (per {@code webhook-id} and endpoint) minus the batch's {@code completedAt} in
 * the event (set by the finishing transaction; the app and the receiver share this machine's clock).
 */
final class WebhookBench {

    static final int PARTNERS = 10;
    static final int ENDPOINTS_PER_PARTNER = 10;

    /** The environment the app needs for P9: the local receiver is plain http on 127.0.0.1. */
    static Map<String, String> environment() {
        return Map.of("PERISAI_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    }

    static List<Report.Row> run(BenchApp app, int batchesPerPartner) throws Exception {
        Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        Map<String, Instant> completedAt = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String key = exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("webhook-id");
            firstSeen.putIfAbsent(key, now);
            JsonNode data = BenchApp.JSON.readTree(body).get("data");
            completedAt.putIfAbsent(key, Instant.parse(data.get("completedAt").asText()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        ExecutorService submitters = Executors.newFixedThreadPool(PARTNERS);
        try {
            int port = server.getAddress().getPort();
            List<String> tokens = new ArrayList<>();
            for (int p = 0; p < PARTNERS; p++) {
                String code = "BENCH-P9-" + p;
                String token = app.partnerToken(code);
                tokens.add(token);
                for (int e = 0; e < ENDPOINTS_PER_PARTNER; e++) {
                    app.send(app.post("/v1/webhook-endpoints", token, "application/json",
                            BenchApp.JSON.writeValueAsBytes(Map.of("url", "http://127.0.0.1:" + port + "/p" + p + "/e" + e,
                                    "description", "P9 receiver", "events", List.of("batch.completed")))),
                            201);
                }
            }
            int expected = PARTNERS * ENDPOINTS_PER_PARTNER * batchesPerPartner;
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < PARTNERS; p++) {
                int partner = p;
                running.add(submitters.submit(() -> {
                    for (int b = 0; b < batchesPerPartner; b++) {
                        List<Map<String, Object>> workers = Workload.workers(8_000_000 + partner * 10_000L + b * 10L, 5,
                                List.of());
                        app.submitAndAwait("/v1/registration-batches", tokens.get(partner), Workload.ndjson(workers),
                                "p9-" + UUID.randomUUID());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (firstSeen.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            if (firstSeen.size() < expected) {
                throw new IllegalStateException("only " + firstSeen.size() + " of " + expected + " deliveries arrived");
            }
            double[] lags = new double[firstSeen.size()];
            int i = 0;
            for (Map.Entry<String, Long> e : firstSeen.entrySet()) {
                lags[i++] = (e.getValue() - completedAt.get(e.getKey()).toEpochMilli()) / 1000.0;
            }
            Arrays.sort(lags);
            double p50 = lags[lags.length / 2];
            double p99 = lags[(int) Math.ceil(lags.length * 0.99) - 1];
            double max = lags[lags.length - 1];
            String detail = String.format("%d endpoints (%d partners × %d, all subscribed to batch.completed), %d batches of"
                    + " 5 records (%d per partner, the partners concurrently) → %,d deliveries to a receiver in the"
                    + " benchmark JVM answering 204 at once, in %.1f s; lag = receipt of the first request − the event's"
                    + " completedAt (the batch's completed_at, set in its finishing transaction): p50 %.0f ms, p99 %.0f ms,"
                    + " max %.0f ms", PARTNERS * ENDPOINTS_PER_PARTNER, PARTNERS, ENDPOINTS_PER_PARTNER,
                    PARTNERS * batchesPerPartner, batchesPerPartner, expected, elapsed, p50 * 1000, p99 * 1000,
                    max * 1000);
            return List.of(new Report.Row("P9", "webhook delivery lag, batch COMPLETED → first attempt, 100 endpoints",
                    String.format("p99 %.0f ms", p99 * 1000), "p99 ≤ 1 s", p99 <= 1.0, detail));
        } finally {
            submitters.shutdownNow();
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
