package id.perisai.api.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.WebhookReceiver;
import id.perisai.api.support.WebhookReceiver.Received;
import id.perisai.api.support.Workers;
import id.perisai.api.webhook.event.WebhookEventType;
import id.perisai.api.webhook.event.WebhookOutbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Webhooks end to end against a real HTTP receiver on 127.0.0.1 (allow-listed in the test profile, with the retry
 * schedule shrunk to 0.3 s and the timeout to 1 s): Standard Webhooks signatures verified by the npm reference library,
 * retries after 500s and timeouts, FAILED, manual retry, rotation with two signatures, disabling, the outbox's
 * transactionality, SSRF refusals at registration, tenant isolation and the live progress streams.
 */
@QuarkusTest
class WebhooksTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static WebhookReceiver receiver;
    static String partner;
    static String other;

    @TestHTTPResource("/")
    URL base;

    @Inject
    WebhookOutbox outbox;

    @Inject
    Pool pool;

    @BeforeEach
    void start() throws Exception {
        if (receiver == null) {
            receiver = new WebhookReceiver();
            partner = Fixtures.partner("WH");
            other = Fixtures.partner("WHO");
        }
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    static String manage(String code) {
        return TestTokens.partner(code, "webhooks:manage").sign();
    }

    static Map<String, Object> create(String code, String url, String... events) {
        return given().auth().oauth2(manage(code)).contentType("application/json")
                .body(Map.of("url", url, "description", "test receiver", "events", List.of(events)))
                .post("/v1/webhook-endpoints").then().statusCode(201)
                .header("Location", startsWith("/v1/webhook-endpoints/")).body("status", equalTo("ENABLED"))
                .body("secret", startsWith("whsec_")).extract().as(Map.class);
    }

    static List<Map<String, Object>> deliveries(String code, Object endpointId) {
        return given().auth().oauth2(manage(code)).get("/v1/webhook-endpoints/{id}/deliveries", endpointId).then()
                .statusCode(200).extract().path("items");
    }

    static Map<String, Object> awaitDelivery(String code, Object endpointId, String status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Map<String, Object>> found = deliveries(code, endpointId);
            if (!found.isEmpty() && status.equals(found.get(0).get("status"))) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + status + " delivery: " + found);
            }
            Thread.sleep(100);
        }
    }

    static String completedBatch(String code) {
        String batchId = Batches.submitJson(code, List.of(Workers.record("wh-1")));
        Batches.awaitCompleted(code, batchId);
        return batchId;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Received r) {
        try {
            return JSON.readValue(r.body(), Map.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void completedBatchIsDeliveredSignedAsStandardWebhooksVerifiesIt() throws Exception {
        Map<String, Object> endpoint = create(partner, receiver.url("/ok"), "batch.completed");
        String secret = (String) endpoint.get("secret");
        String batchId = completedBatch(partner);

        Received r = receiver.await(x -> x.path().equals("/ok") && x.body().contains(batchId), 1, Duration.ofSeconds(20))
                .get(0);
        assertEquals("POST", r.header(":method"));
        assertTrue(r.header("content-type").startsWith("application/json"));
        assertTrue(r.header("webhook-id").startsWith("msg_"));
        assertTrue(r.header("webhook-signature").startsWith("v1,") && !r.header("webhook-signature").contains(" "));
        Map<String, Object> event = body(r);
        assertEquals("batch.completed", event.get("type"));
        assertTrue(event.containsKey("timestamp") && event.containsKey("data"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        assertEquals(batchId, data.get("batchId"));
        assertEquals("REGISTRATION", data.get("kind"));
        assertEquals("COMPLETED", data.get("status"));
        // personal data of the record never travels
        assertFalse(r.body().toLowerCase(java.util.Locale.ROOT).contains("nik") || r.body().contains("fullName"));

        // the reference library accepts it with the secret, and refuses a tampered body or another secret
        Received tampered = new Received(r.path(), r.headers(), r.body().replace("COMPLETED", "FAILED"), 0);
        WebhookReceiver.verifyWithStandardWebhooks(List.of(WebhookReceiver.check(secret, r, true),
                WebhookReceiver.check(secret, tampered, false),
                WebhookReceiver.check("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), r, false)));

        Map<String, Object> delivery = awaitDelivery(partner, endpoint.get("endpointId"), "SUCCEEDED",
                Duration.ofSeconds(10));
        assertEquals(1, delivery.get("attempts"));
        assertEquals(204, delivery.get("lastStatusCode"));
        assertEquals(r.header("webhook-id"), delivery.get("eventId"));
        assertEquals("batch.completed", delivery.get("eventType"));
        deleteEndpoint(endpoint);
    }

    @Test
    void failedAttemptsAreRetriedWithTheSameIdUntilA2xx() throws Exception {
        receiver.answer("/flaky", Duration.ZERO, 500, 503, 200);
        Map<String, Object> endpoint = create(partner, receiver.url("/flaky"), "batch.completed");
        String batchId = completedBatch(partner);

        List<Received> attempts = receiver.await(x -> x.path().equals("/flaky") && x.body().contains(batchId), 3,
                Duration.ofSeconds(20));
        assertEquals(1, attempts.stream().map(a -> a.header("webhook-id")).distinct().count());
        Map<String, Object> delivery = awaitDelivery(partner, endpoint.get("endpointId"), "SUCCEEDED",
                Duration.ofSeconds(10));
        assertEquals(3, delivery.get("attempts"));
        assertEquals(200, delivery.get("lastStatusCode"));
        WebhookReceiver.verifyWithStandardWebhooks(
                attempts.stream().map(a -> WebhookReceiver.check((String) endpoint.get("secret"), a, true)).toList());
        deleteEndpoint(endpoint);
    }

    @Test
    void timeoutsAreRetriedThenTheDeliveryFailsAndAManualRetrySendsItAgain() throws Exception {
        receiver.answer("/slow", Duration.ofMillis(2500), 200);
        Map<String, Object> endpoint = create(partner, receiver.url("/slow"), "batch.completed");
        String batchId = completedBatch(partner);

        // the shrunk schedule: the first attempt and two retries, each given up after 1 s, then FAILED
        Map<String, Object> failed = awaitDelivery(partner, endpoint.get("endpointId"), "FAILED", Duration.ofSeconds(30));
        assertEquals(3, failed.get("attempts"));
        assertEquals("TIMEOUT", failed.get("lastError"));
        assertFalse(failed.containsKey("nextAttemptAt"));
        assertEquals(3, receiver.received(x -> x.path().equals("/slow") && x.body().contains(batchId)).size());

        receiver.answer("/slow", Duration.ZERO, 200);
        given().auth().oauth2(manage(partner))
                .post("/v1/webhook-endpoints/{id}/deliveries/{d}/retry", endpoint.get("endpointId"), failed.get("deliveryId"))
                .then().statusCode(202).body("status", equalTo("PENDING"));
        Map<String, Object> succeeded = awaitDelivery(partner, endpoint.get("endpointId"), "SUCCEEDED",
                Duration.ofSeconds(10));
        assertEquals(4, succeeded.get("attempts"));
        assertEquals(200, succeeded.get("lastStatusCode"));
        given().auth().oauth2(manage(partner))
                .get("/v1/webhook-endpoints/{id}/deliveries?status=FAILED", endpoint.get("endpointId")).then()
                .statusCode(200).body("items.size()", equalTo(0));
        deleteEndpoint(endpoint);
    }

    @Test
    void afterARotationBothSecretsSignForTheOverlap() throws Exception {
        Map<String, Object> endpoint = create(partner, receiver.url("/rotated"), "batch.completed");
        String oldSecret = (String) endpoint.get("secret");
        Map<String, Object> rotated = given().auth().oauth2(manage(partner))
                .post("/v1/webhook-endpoints/{id}/rotate-secret", endpoint.get("endpointId")).then().statusCode(200)
                .body("secret", startsWith("whsec_")).extract().as(Map.class);
        String newSecret = (String) rotated.get("secret");
        assertNotEquals(oldSecret, newSecret);
        assertNotNull(rotated.get("previousSecretExpiresAt"));
        given().auth().oauth2(manage(partner)).get("/v1/webhook-endpoints/{id}", endpoint.get("endpointId")).then()
                .statusCode(200).body("secret", equalTo(null));

        String batchId = completedBatch(partner);
        Received r = receiver.await(x -> x.path().equals("/rotated") && x.body().contains(batchId), 1,
                Duration.ofSeconds(20)).get(0);
        assertEquals(2, r.header("webhook-signature").split(" ").length);
        WebhookReceiver.verifyWithStandardWebhooks(
                List.of(WebhookReceiver.check(oldSecret, r, true), WebhookReceiver.check(newSecret, r, true)));
        deleteEndpoint(endpoint);
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabled() throws Exception {
        receiver.answer("/down", Duration.ZERO, 500);
        Map<String, Object> endpoint = create(partner, receiver.url("/down"), "batch.completed");
        // it has been failing since before the five days (no success since)
        TestDb.update("update webhook_endpoint set failing_since = now() - interval '5 days 1 minute' where id = ?::uuid",
                endpoint.get("endpointId").toString());
        completedBatch(partner);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String status;
        do {
            Thread.sleep(100);
            status = given().auth().oauth2(manage(partner)).get("/v1/webhook-endpoints/{id}", endpoint.get("endpointId"))
                    .then().statusCode(200).extract().path("status");
        } while (!"DISABLED".equals(status) && System.nanoTime() < deadline);
        assertEquals("DISABLED", status);
        // enabling it again clears the failure history
        given().auth().oauth2(manage(partner)).contentType("application/json").body(Map.of("status", "ENABLED"))
                .patch("/v1/webhook-endpoints/{id}", endpoint.get("endpointId")).then().statusCode(200)
                .body("status", equalTo("ENABLED"));
        assertEquals(1, TestDb.count("select count(*) from webhook_endpoint where id = ?::uuid and failing_since is null",
                endpoint.get("endpointId").toString()));
        deleteEndpoint(endpoint);
    }

    @Test
    void anEventIsStoredWithItsCommitAndNeverForARolledBackChange() {
        long partnerId = ((Number) TestDb.query("select id from partner where code = ?", partner).get(0).get("id"))
                .longValue();
        Map<String, Object> endpoint = create(partner, receiver.url("/tx"), "statement.closed");
        long before = TestDb.count("select count(*) from webhook_event where partner_id = ? and type = 'statement.closed'",
                partnerId);
        try {
            pool.withTransaction(tx -> outbox.emit(tx, partnerId, WebhookEventType.STATEMENT_CLOSED, Map.of("period",
                    "2026-11")).flatMap(n -> {
                        assertEquals(1, n);
                        return io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("the change fails"));
                    })).await().indefinitely();
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(before, TestDb.count(
                "select count(*) from webhook_event where partner_id = ? and type = 'statement.closed'", partnerId));
        pool.withTransaction(tx -> outbox.emit(tx, partnerId, WebhookEventType.STATEMENT_CLOSED, Map.of("period",
                "2026-11"))).await().indefinitely();
        assertEquals(before + 1, TestDb.count(
                "select count(*) from webhook_event where partner_id = ? and type = 'statement.closed'", partnerId));
        receiver.await(x -> x.path().equals("/tx"), 1, Duration.ofSeconds(20));
        deleteEndpoint(endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://10.1.2.3/hook", "https://10.1.2.3/hook", "https://172.16.0.1/", "https://192.168.1.1/",
            "https://127.0.0.2/", "https://[::1]/", "https://169.254.169.254/latest/meta-data/", "https://169.254.1.1/",
            "https://[fe80::1]/", "https://[fd00:ec2::254]/", "https://[fc00::1]/", "https://224.0.0.1/",
            "https://[ff02::1]/", "https://0.0.0.0/", "https://100.64.0.1/", "https://[::ffff:10.0.0.1]/",
            "http://hooks.wadah.example/plain-http", "ftp://hooks.wadah.example/", "https://user:pw@hooks.wadah.example/",
            "not a url" })
    void internalAddressesAndPlainHttpAreRefusedAtRegistration(String url) {
        given().auth().oauth2(manage(partner)).contentType("application/json")
                .body(Map.of("url", url, "events", List.of("batch.completed"))).post("/v1/webhook-endpoints").then()
                .statusCode(422).body("errors[0].field", equalTo("url"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(url)));
    }

    @Test
    void aHostResolvingToAnInternalAddressIsRefusedAtDelivery() throws Exception {
        // "localhost" is not allow-listed in the tests (only 127.0.0.1): it is accepted at registration (a name) and
        // refused when it resolves to loopback at delivery, without any request being sent
        Map<String, Object> endpoint = create(partner, "https://localhost:" + receiver.port() + "/never",
                "batch.completed");
        completedBatch(partner);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Map<String, Object>> found;
        do {
            Thread.sleep(100);
            found = deliveries(partner, endpoint.get("endpointId"));
        } while ((found.isEmpty() || found.get(0).get("lastError") == null) && System.nanoTime() < deadline);
        assertEquals("ADDRESS_NOT_ALLOWED", found.get(0).get("lastError"));
        assertNull(found.get(0).get("lastStatusCode"));
        assertTrue(receiver.received(x -> x.path().equals("/never")).isEmpty());
        deleteEndpoint(endpoint);
    }

    @Test
    void anotherPartnersEndpointsDeliveriesAndStreamsAreNotFound() throws Exception {
        Map<String, Object> endpoint = create(partner, receiver.url("/mine"), "batch.failed");
        Object id = endpoint.get("endpointId");
        String theirs = manage(other);
        given().auth().oauth2(theirs).get("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        given().auth().oauth2(theirs).contentType("application/json").body(Map.of("status", "DISABLED"))
                .patch("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        given().auth().oauth2(theirs).post("/v1/webhook-endpoints/{id}/rotate-secret", id).then().statusCode(404);
        given().auth().oauth2(theirs).get("/v1/webhook-endpoints/{id}/deliveries", id).then().statusCode(404);
        given().auth().oauth2(theirs).delete("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        given().auth().oauth2(theirs).get("/v1/webhook-endpoints").then().statusCode(200)
                .body("items.endpointId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
        String batchId = completedBatch(partner);
        given().auth().oauth2(TestTokens.partner(other, "registrations:read").sign()).accept("text/event-stream")
                .get("/v1/registration-batches/{id}/events", batchId).then().statusCode(404);
        given().auth().oauth2(manage(partner)).get("/v1/webhook-endpoints/{id}", id).then().statusCode(200)
                .body("status", equalTo("ENABLED"));
        deleteEndpoint(endpoint);
    }

    @Test
    void aFinishedBatchStreamsItsFinalEventAtOnceAndAProcessingOneStreamsProgressToEveryListener() throws Exception {
        String done = completedBatch(partner);
        String token = TestTokens.partner(partner, "registrations:read").sign();
        String stream = sse(token, "/v1/registration-batches/" + done + "/events", null).get();
        assertTrue(stream.contains("event:completed") && stream.contains("\"status\":\"COMPLETED\""), stream);
        assertFalse(stream.contains("event:progress"), stream);

        // a batch the workers process (more records than are processed within the request), two listeners
        List<Map<String, Object>> records = Workers.records(3000, "sse-");
        String batchId = Batches.submitJson(partner, records);
        CompletableFuture<String> first = sse(token, "/v1/registration-batches/" + batchId + "/events", null);
        CompletableFuture<String> second = sse(token, "/v1/registration-batches/" + batchId + "/events", null);
        String a = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
        String b = second.get(60, java.util.concurrent.TimeUnit.SECONDS);
        for (String s : List.of(a, b)) {
            assertTrue(s.contains("event:completed") && s.contains("\"received\":3000") && s.contains("id:3000"), s);
            List<Integer> ids = new ArrayList<>();
            for (String line : s.split("\n")) {
                if (line.startsWith("id:")) {
                    ids.add(Integer.parseInt(line.substring(3).trim()));
                }
            }
            assertEquals(ids.stream().sorted().toList(), ids, s);
        }
        // resuming after the last event seen: only the final event again
        String resumed = sse(token, "/v1/registration-batches/" + batchId + "/events", "3000").get();
        assertTrue(resumed.contains("event:completed"), resumed);
        // contribution batches stream too (the engine's, for every kind)
        given().auth().oauth2(TestTokens.partner(partner, "contributions:read").sign()).accept("text/event-stream")
                .get("/v1/contribution-batches/{id}/events", java.util.UUID.randomUUID().toString()).then()
                .statusCode(404);
    }

    CompletableFuture<String> sse(String token, String path, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    assertEquals(200, response.statusCode());
                    return response.body().replace("event: ", "event:").replace("id: ", "id:");
                });
    }

    static void deleteEndpoint(Map<String, Object> endpoint) {
        given().auth().oauth2(manage(partner)).delete("/v1/webhook-endpoints/{id}", endpoint.get("endpointId")).then()
                .statusCode(204);
    }
}
