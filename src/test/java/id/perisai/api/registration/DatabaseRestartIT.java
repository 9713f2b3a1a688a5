package id.perisai.api.registration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.ThrowawayPostgres;
import id.perisai.api.support.Workers;

/**
 * quality.md R2: PostgreSQL is restarted (stopped for a few seconds, then started) while the packaged app processes a
 * batch. Readiness goes DOWN during the outage and UP after it by itself, the same instance finishes the batch, and
 * every record has exactly one outcome.
 * <p>
 * The database restarted is a throwaway cluster of this test's own ({@link ThrowawayPostgres}: {@code initdb} and
 * {@code pg_ctl} of the local installation, a free port, a directory under {@code target/}, deleted afterwards): the
 * machine's PostgreSQL server, which other work may be using, is never stopped.
 */
class DatabaseRestartIT {

    static final int RECORDS = 40_000;

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
        Assumptions.assumeTrue(ThrowawayPostgres.installation() != null,
                "needs a local PostgreSQL installation (initdb, pg_ctl) for a cluster of its own");
        try (ThrowawayPostgres pg = ThrowawayPostgres.start("restart")) {
            PackagedApp.Database db = new PackagedApp.Database(pg.port(), "restart", "perisai_restart");
            Map<String, String> env = PackagedApp.environment(PackagedApp.freePort(), db);
            // small chunks, one at a time: the batch is still being processed when the database goes away
            env.put("PERISAI_BATCH_CHUNK_SIZE", "500");
            env.put("PERISAI_BATCH_PARALLEL_CHUNKS", "1");
            env.put("PERISAI_BATCH_WORKERS", "1");
            env.put("PERISAI_BATCH_POLL_INTERVAL", "PT0.5S");
            PackagedApp app = PackagedApp.start(env).awaitReady();
            try {
                String token = PackagedBatches.partner(app, "R2");
                String batchId = PackagedBatches.submit(app, token,
                        HttpRequest.BodyPublishers.ofString(Batches.ndjson(Workers.records(RECORDS, "r2-"))));
                PackagedBatches.awaitProcessing(db, batchId);
                assertFalse(PackagedBatches.progress(db, batchId).completed(), "the database goes away mid-batch");

                pg.stop();
                boolean sawDown = false;
                long outageEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < outageEnd) {
                    sawDown |= ready(app) == 503;
                    Thread.sleep(100);
                }
                assertTrue(sawDown, "readiness reported DOWN while the database was away");
                assertTrue(app.process().isAlive(), "the service survives the outage");
                pg.restart();

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ready(app) != 200) {
                    assertTrue(System.nanoTime() < deadline, () -> "readiness never came back: " + app.output());
                    Thread.sleep(200);
                }
                PackagedBatches.awaitCompleted(db, batchId, app, 180);
                PackagedBatches.assertExactlyOnce(db, batchId, RECORDS, RECORDS);
                String log = app.output();
                assertFalse(Workers.issuedNiks().stream().anyMatch(log::contains), "no NIK in the service logs");
            } finally {
                app.stop();
            }
        }
    }
}
