package id.perisai.api.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.TrickleUpload;
import id.perisai.api.support.Workers;

/**
 * kill -9 while an upload is received, and again while a large batch is being staged: nothing is left behind. The
 * spool file of the dead process is unreadable (its key died with it) and removed at the next start; the STAGING batch
 * and its staged chunks are removed by the next replica once their lease expired; the partner's retries with the same
 * Idempotency-Keys are accepted afresh and the batch is processed exactly once.
 */
class UploadCrashIT {

    static Map<String, String> env(Path spool) throws Exception {
        Map<String, String> env = PackagedApp.environment(PackagedApp.freePort());
        env.put("PERISAI_UPLOAD_SPOOL_DIRECTORY", spool.toString());
        env.put("PERISAI_IDEMPOTENCY_IN_FLIGHT_LOCK", "PT3S");
        env.put("PERISAI_BATCH_LEASE", "PT2S");
        env.put("PERISAI_BATCH_STAGING_SWEEP_INTERVAL", "1s");
        // small chunks: a big batch is staged in many short transactions, so the kill lands in the middle of them
        env.put("PERISAI_BATCH_CHUNK_SIZE", "500");
        return env;
    }

    static List<Path> spoolFiles(Path spool) throws Exception {
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(f -> f.toString().endsWith(".upload")).toList();
        }
    }

    static long count(String sql, String partner) throws Exception {
        return PackagedBatches.count(sql, partner);
    }

    static final String BATCHES = "select count(*) from batch b join partner p on p.id = b.partner_id where p.code = ?";
    static final String STAGING = BATCHES + " and b.status = 'STAGING'";
    static final String STAGED_CHUNKS = """
            select count(*) from registration_chunk c join batch b on b.id = c.batch_id
              join partner p on p.id = b.partner_id where p.code = ?""";

    static HttpResponse<String> submit(PackagedApp app, String token, String key, String body) throws Exception {
        return PackagedBatches.HTTP.send(HttpRequest.newBuilder(app.url("/v1/registration-batches"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKillDuringReceivingOrStagingLeavesNothingAndTheRetriesAreAcceptedAfresh() throws Exception {
        Path spool = Files.createTempDirectory("crash-spool");
        String smallKey = UUID.randomUUID().toString();
        // large enough to be received into a spool file (a body declared at most UploadSpool.IN_MEMORY_LIMIT is kept
        // in memory, and nothing of it could be left on disk)
        List<Map<String, Object>> small = Workers.records(400, "crash-s-");
        String smallBody = Batches.ndjson(small);
        assertTrue(smallBody.length() > id.perisai.api.common.ingest.upload.UploadSpool.IN_MEMORY_LIMIT);
        String bigKey = UUID.randomUUID().toString();
        String bigBody = Batches.ndjson(Workers.records(60_000, "crash-b-"));

        // 1. killed while a body arrives
        PackagedApp first = PackagedApp.start(env(spool)).awaitReady();
        String partner = PackagedBatches.createPartner(first, "CRASH", 10_000_000, 1_000_000);
        String token = PackagedBatches.token(partner);
        try (TrickleUpload trickling = TrickleUpload.start(first.port(), "/v1/registration-batches",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/x-ndjson", "Idempotency-Key",
                        smallKey),
                smallBody.getBytes(StandardCharsets.UTF_8), 40, Duration.ofMillis(200))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (spoolFiles(spool).isEmpty() || trickling.sent() < 120) {
                assertTrue(System.nanoTime() < deadline, "the upload did not reach the spool");
                Thread.sleep(50);
            }
            first.kill();
        }
        List<Path> left = spoolFiles(spool);
        assertEquals(1, left.size(), "the dead process's spool file is still there");
        String onDisk = new String(Files.readAllBytes(left.get(0)), StandardCharsets.ISO_8859_1);
        for (Map<String, Object> record : small) {
            assertFalse(onDisk.contains((String) record.get("nik")), "but it holds no plaintext");
        }
        assertEquals(0, count(BATCHES, partner), "nothing of the upload is in the database");

        // 2. the next start removes the dead process's spool; killed again in the middle of staging a large batch
        PackagedApp second = PackagedApp.start(env(spool)).awaitReady();
        assertTrue(spoolFiles(spool).isEmpty(), "the spool of a dead process is removed at start-up");
        Thread submitting = new Thread(() -> {
            try {
                submit(second, token, bigKey, bigBody);
            } catch (Exception killed) {
                // the process is killed under it
            }
        });
        submitting.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(STAGED_CHUNKS, partner) < 4) {
            assertTrue(System.nanoTime() < deadline, "the batch was never seen staging");
            Thread.sleep(10);
        }
        second.kill();
        submitting.join();
        assertEquals(1, count(STAGING, partner), "killed while STAGING");
        assertTrue(count(STAGED_CHUNKS, partner) > 0);

        // 3. a live replica removes what the dead one staged, once its lease has expired; the retries start afresh
        PackagedApp third = PackagedApp.start(env(spool)).awaitReady();
        try {
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count(BATCHES, partner) > 0 || count(STAGED_CHUNKS, partner) > 0) {
                assertTrue(System.nanoTime() < deadline, () -> "the abandoned STAGING batch stayed: " + third.output());
                Thread.sleep(200);
            }
            HttpResponse<String> retrySmall = awaitAccepted(third, token, smallKey, smallBody);
            assertEquals(null, retrySmall.headers().firstValue("Idempotent-Replayed").orElse(null));
            HttpResponse<String> retryBig = awaitAccepted(third, token, bigKey, bigBody);
            String batchId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(retryBig.body()).get("batchId")
                    .asText();
            PackagedBatches.awaitCompleted(batchId, third, 180);
            PackagedBatches.assertExactlyOnce(batchId, 60_000, 60_000);
            assertEquals(2, count(BATCHES, partner));
        } finally {
            third.stop();
        }
    }

    /** Retries until the dead request's Idempotency-Key claim has expired (409 until then). */
    static HttpResponse<String> awaitAccepted(PackagedApp app, String token, String key, String body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = submit(app, token, key, body);
            if (response.statusCode() == 202) {
                return response;
            }
            assertEquals(409, response.statusCode(), response.body());
            assertTrue(System.nanoTime() < deadline, "the key stayed claimed");
            Thread.sleep(500);
        }
    }
}
