package id.perisai.api.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.PackagedBatches.Progress;
import id.perisai.api.support.Workers;

/**
 * quality.md R6: SIGTERM while a batch is being processed and another is being uploaded. The upload in flight
 * finishes (202), the batch being processed is handed back at once (its lease released, not left to expire), the
 * process exits within the grace period, and the next instance completes both batches with exactly one outcome per
 * record.
 */
class GracefulShutdownIT {

    static final int PROCESSING = 40_000;
    static final int UPLOADING = 2_000;

    /** An NDJSON body that stops after its first half until {@code rest} is released. */
    static final class PausedBody extends InputStream {
        final byte[] data;
        final int half;
        final CountDownLatch halfSent = new CountDownLatch(1);
        final CountDownLatch rest = new CountDownLatch(1);
        int position;

        PausedBody(byte[] data) {
            this.data = data;
            this.half = data.length / 2;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == half) {
                halfSent.countDown();
                try {
                    rest.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (position >= data.length) {
                return -1;
            }
            int end = position < half ? Math.min(half, position + len) : Math.min(data.length, position + len);
            int n = end - position;
            System.arraycopy(data, position, b, off, n);
            position = end;
            return n;
        }
    }

    static Map<String, String> environment(int port) {
        Map<String, String> env = PackagedApp.environment(port);
        env.put("PERISAI_BATCH_CHUNK_SIZE", "500");
        env.put("PERISAI_BATCH_PARALLEL_CHUNKS", "1");
        env.put("PERISAI_BATCH_WORKERS", "1");
        // a long lease: the next instance can only take the batch over at once if it was handed back
        env.put("PERISAI_BATCH_LEASE", "PT5M");
        env.put("PERISAI_BATCH_POLL_INTERVAL", "PT0.2S");
        return env;
    }

    @Test
    void sigtermFinishesTheUploadInFlightAndHandsTheBatchBack() throws Exception {
        PackagedApp first = PackagedApp.start(environment(PackagedApp.freePort())).awaitReady();
        String processing;
        CompletableFuture<HttpResponse<String>> upload;
        try {
            String token = PackagedBatches.partner(first, "R6");
            processing = PackagedBatches.submit(first, token,
                    HttpRequest.BodyPublishers.ofString(Batches.ndjson(Workers.records(PROCESSING, "r6-"))));
            PackagedBatches.awaitProcessing(processing);

            PausedBody body = new PausedBody(Batches.ndjson(Workers.records(UPLOADING, "r6-up-"))
                    .getBytes(StandardCharsets.UTF_8));
            upload = PackagedBatches.HTTP.sendAsync(HttpRequest.newBuilder(first.url("/v1/registration-batches"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> body), body.data.length))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(body.halfSent.await(30, TimeUnit.SECONDS), "the upload started");
            Thread.sleep(300);

            long signalled = System.nanoTime();
            first.process().destroy(); // SIGTERM
            Thread.sleep(500);
            assertTrue(first.process().isAlive(), "the service waits for the request in flight");
            body.rest.countDown();
            HttpResponse<String> accepted = upload.get(30, TimeUnit.SECONDS);
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertTrue(first.process().waitFor(40, TimeUnit.SECONDS), "the service exits within the grace period");
            assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(40));

            Progress handedBack = PackagedBatches.progress(processing);
            assertFalse(handedBack.completed(), "SIGTERM came before the batch was done: " + handedBack);
            assertFalse(handedBack.leaseHeld(), "the lease is released on shutdown, not left to expire");
            assertTrue(first.output().contains("handed back on shutdown"), first.output());

            String uploaded = new ObjectMapper().readTree(accepted.body()).get("batchId").asText();
            PackagedApp second = PackagedApp.start(environment(PackagedApp.freePort())).awaitReady();
            try {
                PackagedBatches.awaitCompleted(processing, second, 120);
                PackagedBatches.awaitCompleted(uploaded, second, 60);
            } finally {
                second.stop();
            }
            PackagedBatches.assertExactlyOnce(processing, PROCESSING, PROCESSING);
            PackagedBatches.assertExactlyOnce(uploaded, UPLOADING, UPLOADING);
        } finally {
            if (first.process().isAlive()) {
                first.kill();
            }
        }
    }
}
