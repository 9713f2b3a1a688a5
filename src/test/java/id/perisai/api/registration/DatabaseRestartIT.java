package id.perisai.api.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.Workers;

/**
 * quality.md R2: PostgreSQL is restarted (stopped for a few seconds, then started) while the packaged app processes a
 * batch. Readiness goes DOWN during the outage and UP after it by itself, the same instance finishes the batch, and
 * every record has exactly one outcome.
 * <p>
 * It stops the machine's own PostgreSQL cluster with {@code pg_ctlcluster} ({@code -Dperisai.it.pg-cluster}, default
 * {@code "15 main"}; our machines and CI have it), so it runs alone among the packaged-app tests (Failsafe runs them one
 * after another) and always starts the cluster again.
 */
class DatabaseRestartIT {

    static final int RECORDS = 40_000;
    static final String CLUSTER = System.getProperty("perisai.it.pg-cluster", "15 main");

    static void cluster(String action) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect"));
        command.addAll(List.of(CLUSTER.split(" ")));
        command.add(action);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pg_ctlcluster " + action + " hangs");
        assertEquals(0, p.exitValue(), "pg_ctlcluster " + action + ": " + out);
    }

    static int ready(PackagedApp app) throws InterruptedException {
        try {
            return PackagedBatches.HTTP.send(HttpRequest.newBuilder(app.url("/q/health/ready"))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void theServiceRidesOutADatabaseRestartAndFinishesTheBatchExactlyOnce() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster")),
                "needs pg_ctlcluster (Debian's PostgreSQL) to restart the database");
        Map<String, String> env = PackagedApp.environment(PackagedApp.freePort());
        // small chunks, one at a time: the batch is still being processed when the database goes away
        env.put("PERISAI_BATCH_CHUNK_SIZE", "500");
        env.put("PERISAI_BATCH_PARALLEL_CHUNKS", "1");
        env.put("PERISAI_BATCH_WORKERS", "1");
        env.put("PERISAI_BATCH_POLL_INTERVAL", "PT0.5S");
        PackagedApp app = PackagedApp.start(env).awaitReady();
        boolean stopped = false;
        try {
            String token = PackagedBatches.partner(app, "R2");
            String batchId = PackagedBatches.submit(app, token,
                    HttpRequest.BodyPublishers.ofString(Batches.ndjson(Workers.records(RECORDS, "r2-"))));
            PackagedBatches.awaitProcessing(batchId);
            assertFalse(PackagedBatches.progress(batchId).completed(), "the database goes away mid-batch");

            cluster("stop");
            stopped = true;
            boolean sawDown = false;
            long outageEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < outageEnd) {
                sawDown |= ready(app) == 503;
                Thread.sleep(100);
            }
            assertTrue(sawDown, "readiness reported DOWN while the database was away");
            assertTrue(app.process().isAlive(), "the service survives the outage");
            cluster("start");
            stopped = false;

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ready(app) != 200) {
                assertTrue(System.nanoTime() < deadline, () -> "readiness never came back: " + app.output());
                Thread.sleep(200);
            }
            PackagedBatches.awaitCompleted(batchId, app, 180);
            PackagedBatches.assertExactlyOnce(batchId, RECORDS, RECORDS);
            String log = app.output();
            assertFalse(Workers.issuedNiks().stream().anyMatch(log::contains), "no NIK in the service logs");
        } finally {
            if (stopped) {
                cluster("start");
            }
            app.stop();
        }
    }
}
