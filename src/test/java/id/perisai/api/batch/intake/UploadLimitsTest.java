package id.perisai.api.batch.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TrickleUpload;
import id.perisai.api.support.Workers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Uploads that arrive slowly (quality.md R7) against the running test app: a partner has at most
 * {@code PERISAI_UPLOAD_MAX_IN_FLIGHT_PER_PARTNER} (4) uploads in flight, a body that is still arriving holds no
 * database connection and no transaction, a client that goes away leaves nothing and frees its Idempotency-Key, and
 * {@code Expect: 100-continue} is answered only when the body will be read. The stall timeout and the load test (100
 * uploads at one byte a second while another partner works) run against the packaged app in {@code SlowUploadsIT}.
 */
@QuarkusTest
class UploadLimitsTest {

    @TestHTTPResource("/")
    URL root;

    static final String PATH = "/v1/registration-batches";

    static Map<String, String> headers(String partner, String key) {
        return Map.of("Authorization", "Bearer " + Batches.token(partner), "Content-Type", "application/x-ndjson",
                "Idempotency-Key", key);
    }

    static byte[] body(int records, String prefix) {
        return Batches.ndjson(Workers.records(records, prefix)).getBytes(StandardCharsets.UTF_8);
    }

    /** Connections of the app's reactive pool that sit in an open transaction. */
    static long idleInTransaction() {
        return TestDb.count("""
                select count(*) from pg_stat_activity
                 where datname = current_database() and application_name = 'vertx-pg-client'
                   and state like 'idle in transaction%'""");
    }

    static void awaitInFlight(List<TrickleUpload> uploads, int bytes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (uploads.stream().anyMatch(u -> u.sent() < bytes)) {
            assertTrue(System.nanoTime() < deadline, "the uploads did not start");
            Thread.sleep(50);
        }
        Thread.sleep(300); // the server has read what they sent
    }

    @Test
    void aPartnerHasAtMostFourUploadsInFlightAndNoneHoldsTheDatabase() throws Exception {
        String partner = Fixtures.partner("UPL");
        String other = Fixtures.partner("UPM");
        List<TrickleUpload> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                uploads.add(TrickleUpload.start(root.getPort(), PATH, headers(partner, UUID.randomUUID().toString()),
                        body(3, "upl-" + i + "-"), 20, Duration.ofMillis(500)));
            }
            awaitInFlight(uploads, 20);
            assertEquals(0, idleInTransaction(), "no transaction is open while the bodies arrive");

            var refused = Batches.submit(partner, "application/x-ndjson", new String(body(1, "upl-5-")),
                    UUID.randomUUID().toString());
            assertEquals(429, refused.statusCode(), refused.asString());
            assertEquals("application/problem+json", refused.contentType());
            assertTrue(refused.<String> path("type").endsWith("/problems/too-many-uploads"));
            assertEquals("5", refused.header("Retry-After"));
            assertFalse(refused.<String> path("detail").contains("upl-"), "the problem quotes nothing submitted");

            // another partner is not affected
            assertEquals(202, Batches.submit(other, "application/x-ndjson", new String(body(1, "upm-")),
                    UUID.randomUUID().toString()).statusCode());

            // one upload finishes (202), one goes away: two slots come back
            uploads.get(0).finish();
            assertEquals(202, uploads.get(0).answer(Duration.ofSeconds(30)).status());
            uploads.get(1).close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int accepted = 0;
            while (accepted < 2) {
                assertTrue(System.nanoTime() < deadline, "slots were not given back");
                int status = Batches.submit(partner, "application/x-ndjson", new String(body(1, "upl-n" + accepted)),
                        UUID.randomUUID().toString()).statusCode();
                if (status == 202) {
                    accepted++;
                } else {
                    assertEquals(429, status);
                    Thread.sleep(100);
                }
            }
        } finally {
            uploads.forEach(TrickleUpload::close);
        }
    }

    @Test
    void aClientThatGoesAwayMidBodyLeavesNothingAndItsKeyCanBeUsedAgain() throws Exception {
        String partner = Fixtures.partner("UPG");
        String key = UUID.randomUUID().toString();
        byte[] body = body(5, "upg-");
        try (TrickleUpload gone = TrickleUpload.start(root.getPort(), PATH, headers(partner, key), body, 40,
                Duration.ofMillis(200))) {
            awaitInFlight(List.of(gone), 80);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var retry = Batches.submit(partner, "application/x-ndjson", new String(body, StandardCharsets.UTF_8), key);
            if (retry.statusCode() == 202) {
                assertEquals(null, retry.header("Idempotent-Replayed"), "the first attempt stored nothing to replay");
                break;
            }
            assertEquals(409, retry.statusCode(), "the key is released once the server sees the client gone");
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        assertEquals(1, TestDb.count(
                "select count(*) from batch b join partner p on p.id = b.partner_id where p.code = ?", partner));
    }

    @Test
    void expectContinueIsAnsweredOnlyWhenTheBodyWillBeRead() throws Exception {
        String partner = Fixtures.partner("UPE");
        String key = UUID.randomUUID().toString();
        byte[] body = body(2, "upe-");
        Map<String, String> expecting = new java.util.HashMap<>(headers(partner, key));
        expecting.put("Expect", "100-continue");
        try (TrickleUpload first = TrickleUpload.start(root.getPort(), PATH, expecting, body, 0, Duration.ofSeconds(1))) {
            // the first request owns the key and waits for its body: the second is refused before sending any
            Thread.sleep(500);
            TrickleUpload second = TrickleUpload.start(root.getPort(), PATH, expecting, body, 0, Duration.ofSeconds(1));
            TrickleUpload.Answer conflict = second.answer(Duration.ofSeconds(10));
            second.close();
            assertEquals(409, conflict.status(), conflict.body());
            assertTrue(conflict.body().contains("idempotency-key-in-flight"));
            first.finish();
            TrickleUpload.Answer accepted = first.answer(Duration.ofSeconds(30));
            assertEquals(202, accepted.status(), accepted.body());
        }
    }

    @Test
    void aRefusedSmallUploadIsAnsweredAndTheConnectionStaysUsable() throws IOException {
        String partner = Fixtures.partner("UPR");
        // no Idempotency-Key: refused before the body is read; a small body is read and dropped, not cut off
        try (TrickleUpload refused = TrickleUpload.start(root.getPort(), PATH,
                Map.of("Authorization", "Bearer " + Batches.token(partner), "Content-Type", "application/x-ndjson"),
                body(2, "upr-"), 1_000_000, Duration.ofMillis(10))) {
            TrickleUpload.Answer answer = refused.answer(Duration.ofSeconds(10));
            assertEquals(400, answer.status());
            assertEquals("application/problem+json", answer.header("Content-Type"));
            assertFalse(refused.closedByServer(Duration.ofMillis(500)), "keep-alive: the connection stays open");
        }
    }
}
