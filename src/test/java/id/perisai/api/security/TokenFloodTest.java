package id.perisai.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.security.crypto.SecretHasher;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * quality.md S7 with the production throttle limits, in a schema of its own. Source addresses are told apart the way a
 * deployment behind a proxy does: the proxy (here the test itself, from 127.0.0.1, configured as trusted) forwards
 * each client's address in {@code X-Forwarded-For}. The client-secret key is rotated in this profile (id 2 current,
 * id 1 the earlier test key), so hashes under the earlier key are seen being rewritten too.
 */
@QuarkusTest
@TestProfile(TokenFloodTest.Flood.class)
@Order(Integer.MAX_VALUE) // its own Quarkus start: after every test of the default profile
class TokenFloodTest {

    static final String SCHEMA = "perisai_flood";
    static final String EARLIER_KEY = "dGVzdC1vbmx5LW9hdXRoLXNlY3JldC1oYXNoLWtleTE=";
    static final String CURRENT_KEY = "dGVzdC1vbmx5LW9hdXRoLXNlY3JldC1oYXNoLWtleTI=";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(20)).build();

    public static class Flood implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.datasource.reactive.url",
                            "postgresql://127.0.0.1:5432/" + TestDb.DATABASE + "?search_path=" + SCHEMA),
                    Map.entry("quarkus.datasource.jdbc.url",
                            "jdbc:postgresql://127.0.0.1:5432/" + TestDb.DATABASE + "?currentSchema=" + SCHEMA),
                    Map.entry("quarkus.flyway.schemas", SCHEMA),
                    // the production limits (the default test profile lifts them for the bad-input barrage)
                    Map.entry("perisai.oauth.throttle.failures-per-source", "30"),
                    Map.entry("perisai.oauth.throttle.failures-per-client", "10"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1,0:0:0:0:0:0:0:1"),
                    Map.entry("perisai.oauth.secret-hash-key-id", "2"),
                    Map.entry("perisai.oauth.secret-hash-key", CURRENT_KEY),
                    Map.entry("perisai.oauth.previous-secret-hash-keys", "1:" + EARLIER_KEY));
        }
    }

    @TestHTTPResource("/oauth2/token")
    URL tokenUrl;

    record Answer(int status, String retryAfter, String cacheControl, JsonNode body) {
    }

    Answer token(String source, String clientId, String secret) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenUrl.toString()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&client_secret="
                            + URLEncoder.encode(secret, StandardCharsets.UTF_8)));
            if (source != null) {
                request.header("X-Forwarded-For", source);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Cache-Control").orElse(null), JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLegitimateClientGetsAllItsTokensWhile300WrongSecretsFlyFromElsewhere() throws Exception {
        String partner = Fixtures.partner("FLOOD");
        String[] legit = Fixtures.client(partner, List.of("agents:read"));
        ExecutorService attackers = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> attack = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            attack.add(attackers.submit(() -> {
                start.await();
                // half against the legitimate client's own id, half against made-up ones, from two addresses
                String source = n % 3 == 0 ? "203.0.113.7" : "203.0.113.8";
                return n % 2 == 0 ? token(source, legit[0], "prs_wrong-" + n) : token(source, "prc_guess" + n, "prs_x");
            }));
        }
        ConcurrentLinkedQueue<Answer> legitimate = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < 20; i++) {
                legitimate.add(token("198.51.100.7", legit[0], legit[1]));
            }
        });
        start.countDown();
        int refused = 0;
        for (Future<Answer> f : attack) {
            Answer a = f.get(120, TimeUnit.SECONDS);
            assertTrue(a.status() == 401 || a.status() == 429, a.toString());
            refused += a.status() == 429 ? 1 : 0;
        }
        client.get(120, TimeUnit.SECONDS);
        attackers.shutdown();

        assertEquals(20, legitimate.size());
        for (Answer a : legitimate) {
            assertEquals(200, a.status(), "a legitimate request refused during the flood: " + a);
        }
        // each attacking address gets 30 failures (a few more while 16 are in flight), then 429s
        assertTrue(refused >= 300 - 2 * (30 + 16), "throttled: " + refused);
        // and still, after the flood
        assertEquals(200, token("198.51.100.7", legit[0], legit[1]).status());
        assertEquals(200, token(null, legit[0], legit[1]).status(), "a client without a forwarded address");
    }

    @Test
    void aSourceThatKeepsFailingIsThrottledWithRetryAfterAndAnOAuthError() {
        String partner = Fixtures.partner("FLOODSRC");
        String[] c = Fixtures.client(partner, List.of("agents:read"));
        for (int i = 0; i < 30; i++) {
            assertEquals(401, token("203.0.113.20", "prc_guess" + i, "x").status());
        }
        Answer throttled = token("203.0.113.20", "prc_guess-next", "x");
        assertEquals(429, throttled.status());
        long retryAfter = Long.parseLong(throttled.retryAfter());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, throttled.toString());
        assertEquals("temporarily_unavailable", throttled.body().get("error").asText());
        assertTrue(throttled.body().get("error_description").asText().contains("Retry-After"));
        assertEquals(429, throttled.body().get("status").asInt());
        assertEquals("no-store", throttled.cacheControl());
        assertEquals(429, token("203.0.113.20", c[0], c[1]).status(), "refused before anything is looked up");
        assertEquals(200, token("203.0.113.21", c[0], c[1]).status(), "the neighbouring address is not");
    }

    @Test
    void aClientIdFailingFromOneAddressIsStoppedThereOnly() {
        String partner = Fixtures.partner("FLOODPAIR");
        String[] stale = Fixtures.client(partner, List.of("agents:read"));
        String[] neighbour = Fixtures.client(partner, List.of("agents:read"));
        for (int i = 0; i < 10; i++) {
            assertEquals(401, token("192.0.2.44", stale[0], "prs_stale").status());
        }
        assertEquals(429, token("192.0.2.44", stale[0], stale[1]).status(), "that client from that address");
        assertEquals(200, token("192.0.2.44", neighbour[0], neighbour[1]).status(), "its neighbour behind the address");
        assertEquals(200, token("192.0.2.45", stale[0], stale[1]).status(), "the same client from elsewhere");
    }

    @Test
    void aHashUnderTheEarlierKeyIsRewrittenUnderTheCurrentOneAtItsNextUse() {
        String partner = Fixtures.partner("FLOODKEY");
        String[] c = Fixtures.client(partner, List.of("agents:read"));
        assertTrue(storedHash(c[0]).startsWith("$hmac-sha256$2$"), "new secrets under the current key");
        String underEarlier = new SecretHasher(EARLIER_KEY, "1", List.of(), false, null).hash(c[0], c[1]);
        TestDb.update("update oauth_client set secret_hash = ? where client_id = ?", underEarlier, c[0]);
        assertEquals(200, token("192.0.2.60", c[0], c[1]).status());
        String rewritten = storedHash(c[0]);
        assertTrue(rewritten.startsWith("$hmac-sha256$2$"), rewritten);
        assertEquals(new SecretHasher(CURRENT_KEY, "2", List.of(), false, null).hash(c[0], c[1]), rewritten);
        assertEquals(200, token("192.0.2.60", c[0], c[1]).status());
    }

    static String storedHash(String clientId) {
        return (String) TestDb.query("select secret_hash from oauth_client where client_id = ?", clientId).get(0)
                .get("secret_hash");
    }
}
