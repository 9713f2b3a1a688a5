package id.perisai.api.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.WebhookReceiver;
import id.perisai.api.support.WebhookReceiver.Received;
import id.perisai.api.support.Workers;

/**
 * Webhooks and live progress across two replicas of the packaged app on one database (events.md; quality.md R8): a
 * replica killed with SIGKILL while its first attempt is in flight leaves the delivery PENDING and another replica
 * delivers the same event (same {@code webhook-id}, signature valid) once the claim lease has passed; and listeners
 * on two replicas both follow one batch's progress to its final event, while another partner gets a 404.
 */
class WebhookReplicasIT {

    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, String> environment(int port) {
        Map<String, String> env = PackagedApp.environment(port);
        env.put("PERISAI_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        // a short lease and poll: the surviving replica takes the delivery over within seconds
        env.put("PERISAI_WEBHOOK_CLAIM_LEASE", "PT3S");
        env.put("PERISAI_WEBHOOK_POLL_INTERVAL", "PT0.2S");
        env.put("PERISAI_BATCH_POLL_INTERVAL", "PT0.2S");
        return env;
    }

    /** The environment of a second replica of the same service: its own port, the first one's keys. */
    static Map<String, String> replicaOf(Map<String, String> first, int port) {
        Map<String, String> env = environment(port);
        for (String key : List.of("PERISAI_PII_ENCRYPTION_KEY", "PERISAI_PII_INDEX_KEY", "PERISAI_OAUTH_SECRET_HASH_KEY")) {
            env.put(key, first.get(key));
        }
        return env;
    }

    static String manageToken(String partnerCode) {
        return PackagedApp.token(TestTokens.partner(partnerCode, "webhooks:manage")).sign();
    }

    static JsonNode createEndpoint(PackagedApp app, String partnerCode, String url) throws Exception {
        HttpResponse<String> created = PackagedBatches.HTTP.send(HttpRequest.newBuilder(app.url("/v1/webhook-endpoints"))
                .header("Authorization", "Bearer " + manageToken(partnerCode)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("url", url, "description",
                        "replica test", "events", List.of("batch.completed")))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    static String delivery(String endpointId, String column) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(PackagedApp.DB_URL, "postgres", "");
                var s = c.prepareStatement("select " + column + " from webhook_delivery where endpoint_id = ?::uuid")) {
            s.setString(1, endpointId);
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next(), "a delivery row");
                String value = rs.getString(1);
                assertFalse(rs.next(), "one delivery");
                return value;
            }
        }
    }

    @Test
    void replicaKilledWhileDeliveringAnotherReplicaDeliversTheSameEvent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // the first attempt hangs (the receiver answers only after 20 s): it is in flight when the replica dies
            receiver.answer("/hook", Duration.ofSeconds(20), 204);
            Map<String, String> envA = environment(PackagedApp.freePort());
            PackagedApp a = PackagedApp.start(envA).awaitReady();
            PackagedApp b = null;
            try {
                String code = PackagedBatches.createPartner(a, "WHKILL", 1_000_000, 10_000);
                JsonNode endpoint = createEndpoint(a, code, receiver.url("/hook"));
                String secret = endpoint.get("secret").asText();
                String endpointId = endpoint.get("endpointId").asText();
                String batchId = PackagedBatches.submit(a, PackagedBatches.token(code),
                        HttpRequest.BodyPublishers.ofString(Batches.ndjson(Workers.records(3, "whk"))));

                Received first = receiver.await(r -> r.path().equals("/hook"), 1, Duration.ofSeconds(30)).get(0);
                a.kill(); // kill -9 with the attempt in flight: no answer was seen, nothing was stored
                assertTrue(first.body().contains(batchId), first.body());
                assertEquals("PENDING", delivery(endpointId, "status"));
                assertEquals("0", delivery(endpointId, "attempts"));
                assertEquals(1, receiver.received(r -> r.path().equals("/hook")).size());

                // from now on the receiver answers at once; replica B takes the delivery over after the lease
                Thread.sleep(300);
                receiver.answer("/hook", Duration.ZERO, 204);
                b = PackagedApp.start(replicaOf(envA, PackagedApp.freePort())).awaitReady();
                List<Received> all = receiver.await(r -> r.path().equals("/hook"), 2, Duration.ofSeconds(30));
                Received second = all.get(1);
                assertEquals(first.header("webhook-id"), second.header("webhook-id"), "the same event, re-sent");
                assertEquals(first.body(), second.body());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!"SUCCEEDED".equals(delivery(endpointId, "status"))) {
                    assertTrue(System.nanoTime() < deadline, "replica B stores the success: " + b.output());
                    Thread.sleep(100);
                }
                assertEquals("1", delivery(endpointId, "attempts"), "A's attempt was never recorded");
                assertEquals(2, receiver.received(r -> r.path().equals("/hook")).size(), "no third request");
                WebhookReceiver.verifyWithStandardWebhooks(
                        List.of(WebhookReceiver.check(secret, first, true), WebhookReceiver.check(secret, second, true)));
            } finally {
                if (a.process().isAlive()) {
                    a.kill();
                }
                if (b != null) {
                    b.stop();
                }
            }
        }
    }

    /** The SSE stream of a batch as lines, read to its end (the stream ends after the final event). */
    static CompletableFuture<List<String>> listen(PackagedApp app, String token, String batchId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<Stream<String>> response = PackagedBatches.HTTP.send(HttpRequest
                        .newBuilder(app.url("/v1/registration-batches/" + batchId + "/events"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines());
                assertEquals(200, response.statusCode());
                List<String> lines = new ArrayList<>();
                try (Stream<String> body = response.body()) {
                    body.forEach(lines::add);
                }
                return lines;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static List<String> events(List<String> lines, String name) {
        List<String> data = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("event:" + name)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    if (lines.get(j).startsWith("data:")) {
                        data.add(lines.get(j).substring("data:".length()));
                    }
                }
            }
        }
        return data;
    }

    @Test
    void listenersOnTwoReplicasBothFollowOneBatchToItsEnd() throws Exception {
        int records = 20_000;
        int portA = PackagedApp.freePort();
        int portB = PackagedApp.freePort();
        Map<String, String> envA = environment(portA);
        Map<String, String> envB = replicaOf(envA, portB);
        for (Map<String, String> env : List.of(envA, envB)) {
            env.put("PERISAI_BATCH_CHUNK_SIZE", "500"); // many chunks: progress advances in steps
            env.put("PERISAI_BATCH_WORKERS", "1");
        }
        // one after the other: two JVMs starting at once on a loaded 2-core machine outlast the readiness wait
        PackagedApp a = PackagedApp.start(envA).awaitReady();
        PackagedApp b = null;
        try {
            b = PackagedApp.start(envB).awaitReady();
            String code = PackagedBatches.createPartner(a, "SSE2", 10_000_000, 100_000);
            String other = PackagedBatches.createPartner(a, "SSEO", 1_000, 100);
            String token = PackagedBatches.token(code);
            String batchId = PackagedBatches.submit(a, token,
                    HttpRequest.BodyPublishers.ofString(Batches.ndjson(Workers.records(records, "sse"))));
            CompletableFuture<List<String>> onA = listen(a, token, batchId);
            CompletableFuture<List<String>> onB = listen(b, token, batchId);

            // another partner's batch is a 404 on either replica, before anything is streamed
            for (PackagedApp app : List.of(a, b)) {
                HttpResponse<String> foreign = PackagedBatches.HTTP.send(HttpRequest
                        .newBuilder(app.url("/v1/registration-batches/" + batchId + "/events"))
                        .header("Authorization", "Bearer " + PackagedBatches.token(other))
                        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, foreign.statusCode(), foreign.body());
            }

            for (CompletableFuture<List<String>> listener : List.of(onA, onB)) {
                List<String> lines = listener.get(90, TimeUnit.SECONDS);
                List<String> progress = events(lines, "progress");
                List<String> completed = events(lines, "completed");
                assertFalse(progress.isEmpty(), "progress events: " + lines);
                assertEquals(1, completed.size(), "one final event: " + lines);
                JsonNode last = JSON.readTree(completed.get(0));
                assertEquals("COMPLETED", last.get("status").asText());
                assertEquals(records, last.get("processed").asInt());
                assertEquals(records, last.get("totals").get("received").asInt());
                int previous = -1;
                for (String p : progress) {
                    int processed = JSON.readTree(p).get("processed").asInt();
                    assertTrue(processed > previous && processed <= records, "progress only advances: " + progress);
                    previous = processed;
                }
                System.out.printf("SSE listener: %d progress events %s%n", progress.size(),
                        progress.stream().map(p -> p.replaceAll(".*\"processed\":(\\d+).*", "$1")).toList());
            }
            assertTrue(events(onA.get(), "progress").size() + events(onB.get(), "progress").size() > 2,
                    "processing was followed in steps");
        } finally {
            a.stop();
            if (b != null) {
                b.stop();
            }
        }
    }
}
