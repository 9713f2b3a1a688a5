package id.perisai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.TestTokens;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}, prod profile) configured only
 * through environment variables: each documented variable takes effect, and start-up refuses missing or unsafe keys.
 */
class PackagedAppIT {

    static final Path JAR = Path.of(System.getProperty("quarkus.run.jar", "target/quarkus-app/quarkus-run.jar"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static Map<String, String> prodEnvironment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/test?search_path=perisai_it");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=perisai_it");
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_FLYWAY_SCHEMAS", "perisai_it");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "src/test/resources/keys/dev-only-verification-keys.jwks.json");
        env.put("MP_JWT_VERIFY_ISSUER", "https://packaged-it.example");
        env.put("MP_JWT_VERIFY_AUDIENCES", "perisai-it-audience");
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", "src/test/resources/keys/dev-only-signing-key.pem");
        env.put("PERISAI_PII_ENCRYPTION_KEY", randomKey());
        env.put("PERISAI_PII_INDEX_KEY", randomKey());
        env.put("PERISAI_OAUTH_TOKEN_TTL", "PT10M");
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_ID", "it-admin");
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_SECRET", "it-admin-secret-0123456789");
        env.put("PERISAI_PROBLEM_BASE_URI", "https://errors.packaged-it.example/p/");
        return env;
    }

    record Run(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }

    static Run start(Map<String, String> env) throws IOException {
        Path log = Files.createTempFile("packaged-app", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PERISAI_")
                || k.startsWith("MP_JWT") || k.startsWith("SMALLRYE_"));
        builder.environment().putAll(env);
        return new Run(builder.start(), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitReady(int port, Run run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(run.process().isAlive(), () -> "app exited: " + safeOutput(run));
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in 60 s: " + safeOutput(run));
    }

    static String safeOutput(Run run) {
        try {
            return run.output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    static void stop(Run run) throws InterruptedException {
        run.process().destroy();
        if (!run.process().waitFor(30, TimeUnit.SECONDS)) {
            run.process().destroyForcibly();
        }
    }

    @Test
    void environmentVariablesConfigureThePackagedApp() throws Exception {
        assertTrue(Files.exists(JAR), "package the app first: " + JAR);
        int port = freePort();
        Run run = start(prodEnvironment(port));
        try {
            awaitReady(port, run);
            HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=it-admin&client_secret=it-admin-secret-0123456789"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
            JsonNode grant = JSON.readTree(token.body());
            assertEquals(600, grant.get("expires_in").asInt(), "PERISAI_OAUTH_TOKEN_TTL");
            String accessToken = grant.get("access_token").asText();
            var claims = TestTokens.claims(accessToken);
            assertEquals("https://packaged-it.example", claims.getIssuer(), "MP_JWT_VERIFY_ISSUER");
            assertEquals(List.of("perisai-it-audience"), claims.getAudience(), "MP_JWT_VERIFY_AUDIENCES");

            HttpResponse<String> partners = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/v1/admin/partners")).header("Authorization", "Bearer " + accessToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, partners.statusCode(), partners.body());

            HttpResponse<String> notFound = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/v1/admin/partners/NOPE-IT")).header("Authorization", "Bearer " + accessToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, notFound.statusCode());
            assertTrue(JSON.readTree(notFound.body()).get("type").asText().startsWith("https://errors.packaged-it.example/p/"),
                    "PERISAI_PROBLEM_BASE_URI");

            HttpResponse<String> foreignToken = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/v1/admin/partners")).header("Authorization", "Bearer " + TestTokens.admin().sign()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, foreignToken.statusCode(), "a token of another issuer/audience is refused");

            String firstLine = run.output().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
            assertTrue(JSON.readTree(firstLine).has("message"), "prod logs are JSON: " + firstLine);
        } finally {
            stop(run);
        }
    }

    static void assertStartupRefused(Map<String, String> env, String expected, String... neverShown) throws Exception {
        Run run = start(env);
        boolean exited = run.process().waitFor(60, TimeUnit.SECONDS);
        try {
            assertTrue(exited, "the app must not start: " + safeOutput(run));
            assertNotEquals(0, run.process().exitValue());
            String output = run.output();
            assertTrue(output.contains(expected), "expected '" + expected + "' in: " + output);
            for (String secret : neverShown) {
                assertFalse(output.contains(secret), "secret material in the log");
            }
        } finally {
            stop(run);
        }
    }

    @Test
    void missingPiiEncryptionKeyStopsStartUp() throws Exception {
        Map<String, String> env = prodEnvironment(freePort());
        env.remove("PERISAI_PII_ENCRYPTION_KEY");
        assertStartupRefused(env, "perisai.pii.encryption-key");
    }

    @Test
    void missingPiiIndexKeyStopsStartUp() throws Exception {
        Map<String, String> env = prodEnvironment(freePort());
        env.remove("PERISAI_PII_INDEX_KEY");
        assertStartupRefused(env, "perisai.pii.index-key");
    }

    @Test
    void malformedPiiKeyStopsStartUpWithoutEchoingIt() throws Exception {
        Map<String, String> env = prodEnvironment(freePort());
        String shortKey = Base64.getEncoder().encodeToString("only-sixteen-byt".getBytes());
        env.put("PERISAI_PII_INDEX_KEY", shortKey);
        assertStartupRefused(env, "PERISAI_PII_INDEX_KEY must decode to exactly 32 bytes", shortKey);
    }

    @Test
    void publicDevKeyStopsStartUpInProduction() throws Exception {
        Map<String, String> env = prodEnvironment(freePort());
        env.put("PERISAI_PII_ENCRYPTION_KEY", "ZGV2LW9ubHktcGlpLWVuY3J5cHRpb24ta2V5LTMyYiE=");
        assertStartupRefused(env, "public dev/test key");
    }

    @Test
    void signingKeyMissingFromTheVerificationKeysStopsStartUp() throws Exception {
        Path jwks = Files.createTempFile("only-ec", ".jwks.json");
        JsonNode all = JSON.readTree(Path.of("src/test/resources/keys/dev-only-verification-keys.jwks.json").toFile());
        var onlyEc = JSON.createObjectNode();
        var keys = onlyEc.putArray("keys");
        all.get("keys").forEach(k -> {
            if ("EC".equals(k.get("kty").asText())) {
                keys.add(k);
            }
        });
        Files.writeString(jwks, onlyEc.toString());
        Map<String, String> env = prodEnvironment(freePort());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks.toString());
        assertStartupRefused(env, "is not among the keys of MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }
}
