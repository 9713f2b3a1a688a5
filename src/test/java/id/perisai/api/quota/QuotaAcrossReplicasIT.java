package id.perisai.api.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.Workers;

/**
 * quality.md R3: two replicas of the packaged app on one database. Fifty batches of 1–9 records are fired at once at a
 * partner whose daily quota is 100 records, half through each replica. The quota is never exceeded, no batch is refused
 * that would still have fit, and every accepted batch is processed exactly once.
 */
class QuotaAcrossReplicasIT {

    static final int LIMIT = 100;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    record Submission(int size, int status, String batchId) {
    }

    static long query(String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(PackagedApp.DB_URL, "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void concurrentBatchesThroughTwoReplicasNeverExceedTheQuotaAndAreProcessedOnce() throws Exception {
        Map<String, String> env = PackagedApp.environment(PackagedApp.freePort());
        // 25 of the partner's batches in flight at once: above the default cap of uploads in flight per partner
        // (PERISAI_UPLOAD_MAX_IN_FLIGHT_PER_PARTNER, tested on its own), which is not what this test is about
        env.put("PERISAI_UPLOAD_MAX_IN_FLIGHT_PER_PARTNER", "50");
        Map<String, String> envB = new java.util.HashMap<>(env);
        envB.put("QUARKUS_HTTP_PORT", String.valueOf(PackagedApp.freePort()));
        PackagedApp a = PackagedApp.start(env);
        PackagedApp b = PackagedApp.start(envB);
        try {
            a.awaitReady();
            b.awaitReady();
            String partner = PackagedBatches.createPartner(a, "REPL", LIMIT, 1000);
            String token = PackagedBatches.token(partner);

            List<Callable<Submission>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                PackagedApp target = i % 2 == 0 ? a : b;
                int size = ThreadLocalRandom.current().nextInt(1, 10);
                String body = Batches.ndjson(Workers.records(size, "b" + i + "-"));
                calls.add(() -> {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(target.url("/v1/registration-batches"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    String id = r.statusCode() == 202 ? JSON.readTree(r.body()).get("batchId").asText() : null;
                    return new Submission(size, r.statusCode(), id);
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(25);
            List<Submission> results = new ArrayList<>();
            try {
                for (Future<Submission> f : pool.invokeAll(calls)) {
                    results.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }

            long used = query("select coalesce(sum(u.used), 0) from quota_usage u join partner p on p.id = u.partner_id"
                    + " where p.code = ? and u.quota = 'registrations'", partner);
            int acceptedRecords = results.stream().filter(r -> r.status() == 202).mapToInt(Submission::size).sum();
            assertTrue(results.stream().allMatch(r -> r.status() == 202 || r.status() == 429), results.toString());
            assertTrue(used <= LIMIT, "used " + used);
            assertEquals(acceptedRecords, used, "exactly the accepted batches' records are counted");
            for (Submission refused : results.stream().filter(r -> r.status() == 429).toList()) {
                assertTrue(refused.size() > LIMIT - used, "a refused batch of " + refused.size()
                        + " would have fit in what is left (" + (LIMIT - used) + ")");
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<Submission> accepted = results.stream().filter(r -> r.status() == 202).toList();
            for (Submission s : accepted) {
                while (query("select count(*) from batch where id = ?::uuid and status = 'COMPLETED'",
                        s.batchId()) == 0) {
                    assertTrue(System.nanoTime() < deadline, "batch not completed");
                    Thread.sleep(100);
                }
                assertEquals(s.size(), query("select count(*) from registration_result where batch_id = ?::uuid",
                        s.batchId()), "one outcome per record");
                assertEquals(s.size(), query("select count(*) from participant where source_batch_id = ?::uuid",
                        s.batchId()), "every record registered once");
                assertEquals(1, query("select count(*) from batch where id = ?::uuid and completed_by is not null",
                        s.batchId()));
            }
            assertEquals(acceptedRecords, query("""
                    select count(*) from participant pt join partner p on p.id = pt.partner_id where p.code = ?""", partner));
        } finally {
            a.stop();
            b.stop();
        }
    }
}
