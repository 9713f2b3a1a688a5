package id.perisai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.RawHttp;
import id.perisai.api.support.TestTokens;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}, prod profile) configured only
 * through environment variables: each documented variable takes effect, and start-up refuses missing or unsafe keys.
 */
class PackagedAppIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, String> prodEnvironment(int port) {
        Map<String, String> env = PackagedApp.environment(port);
        env.put("PERISAI_OAUTH_TOKEN_TTL", "PT10M");
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_ID", "it-admin");
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_SECRET", "it-admin-secret-0123456789");
        env.put("PERISAI_PROBLEM_BASE_URI", "https://errors.packaged-it.example/p/");
        env.put("PERISAI_PUBLIC_BASE_URL", "https://api.packaged-it.example/");
        return env;
    }

    @Test
    void environmentVariablesConfigureThePackagedApp() throws Exception {
        int port = PackagedApp.freePort();
        PackagedApp run = PackagedApp.start(prodEnvironment(port)).awaitReady();
        try {
            HttpResponse<String> token = HTTP.send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
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

            String code = "IT-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/v1/admin/partners")).header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"name\":\"Wadah IT\","
                            + "\"type\":\"COMMUNITY\",\"branchOffice\":\"Jakarta Salemba\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("https://api.packaged-it.example/v1/admin/partners/" + code,
                    created.headers().firstValue("Location").orElseThrow(), "PERISAI_PUBLIC_BASE_URL");

            // Main lets malformed URIs reach the problem answers (the HTTP layer's own check answers with no body)
            RawHttp.Answer malformed = RawHttp.get(port, "/v1/partner?x=%zz");
            assertEquals(400, malformed.status(), malformed.toString());
            assertEquals("application/problem+json", malformed.header("Content-Type"));
            RawHttp.Answer headers = RawHttp.get(port, "/v1/partner", "X-Big: " + "a".repeat(24 * 1024));
            assertEquals(431, headers.status(), headers.toString());
            assertEquals("application/problem+json", headers.header("Content-Type"));

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
            run.stop();
        }
    }

    static void assertStartupRefused(Map<String, String> env, String expected, String... neverShown) throws Exception {
        PackagedApp run = PackagedApp.start(env);
        boolean exited = run.process().waitFor(60, TimeUnit.SECONDS);
        try {
            assertTrue(exited, "the app must not start: " + run.output());
            assertNotEquals(0, run.process().exitValue());
            String output = run.output();
            assertTrue(output.contains(expected), "expected '" + expected + "' in: " + output);
            for (String secret : neverShown) {
                assertFalse(output.contains(secret), "secret material in the log");
            }
        } finally {
            run.stop();
        }
    }

    @Test
    void missingPiiEncryptionKeyStopsStartUp() throws Exception {
        Map<String, String> env = prodEnvironment(PackagedApp.freePort());
        env.remove("PERISAI_PII_ENCRYPTION_KEY");
        assertStartupRefused(env, "perisai.pii.encryption-key");
    }

    @Test
    void missingPiiIndexKeyStopsStartUp() throws Exception {
        Map<String, String> env = prodEnvironment(PackagedApp.freePort());
        env.remove("PERISAI_PII_INDEX_KEY");
        assertStartupRefused(env, "perisai.pii.index-key");
    }

    @Test
    void malformedPiiKeyStopsStartUpWithoutEchoingIt() throws Exception {
        Map<String, String> env = prodEnvironment(PackagedApp.freePort());
        String shortKey = Base64.getEncoder().encodeToString("only-sixteen-byt".getBytes());
        env.put("PERISAI_PII_INDEX_KEY", shortKey);
        assertStartupRefused(env, "PERISAI_PII_INDEX_KEY must decode to exactly 32 bytes", shortKey);
    }

    @Test
    void missingClientSecretHashKeyStopsStartUp() throws Exception {
        Map<String, String> env = prodEnvironment(PackagedApp.freePort());
        env.remove("PERISAI_OAUTH_SECRET_HASH_KEY");
        assertStartupRefused(env, "perisai.oauth.secret-hash-key");
    }

    @Test
    void publicTestClientSecretHashKeyStopsStartUpInProduction() throws Exception {
        Map<String, String> env = prodEnvironment(PackagedApp.freePort());
        env.put("PERISAI_OAUTH_SECRET_HASH_KEY", "dGVzdC1vbmx5LW9hdXRoLXNlY3JldC1oYXNoLWtleTE=");
        assertStartupRefused(env, "PERISAI_OAUTH_SECRET_HASH_KEY is a public dev/test key");
    }

    @Test
    void publicDevKeyStopsStartUpInProduction() throws Exception {
        Map<String, String> env = prodEnvironment(PackagedApp.freePort());
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
        Map<String, String> env = prodEnvironment(PackagedApp.freePort());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks.toString());
        String modulus = all.get("keys").get(0).get("n").asText();
        assertStartupRefused(env, "is not among the 1 key(s) of MP_JWT_VERIFY_PUBLICKEY_LOCATION (kids: "
                + onlyEc.get("keys").get(0).get("kid").asText() + ")", modulus.substring(0, 32));
    }

    /** What the README tells operators to run: the service's own command prints the signing key's JWKS entry. */
    static String jwksCommand(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", PackagedApp.JAR.toString(), "jwks"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void aJwksNamingTheSigningKeyWithTheOperatorsOwnKidWorks() throws Exception {
        JsonNode printed = JSON.readTree(jwksCommand("src/test/resources/keys/dev-only-signing-key.pem", "--kid",
                "perisai-2026-11"));
        assertFalse(printed.get("keys").get(0).has("d"), "only the public half");
        // the operator's key set: another issuer's key first, then ours under the operator's name
        var set = JSON.createObjectNode();
        var keys = set.putArray("keys");
        JSON.readTree(Path.of("src/test/resources/keys/dev-only-verification-keys.jwks.json").toFile()).get("keys")
                .forEach(k -> {
                    if ("EC".equals(k.get("kty").asText())) {
                        keys.add(k);
                    }
                });
        keys.add(printed.get("keys").get(0));
        Path jwks = Files.createTempFile("operator", ".jwks.json");
        Files.writeString(jwks, set.toString());
        int port = PackagedApp.freePort();
        Map<String, String> env = prodEnvironment(port);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks.toString());
        PackagedApp run = PackagedApp.start(env).awaitReady();
        try {
            HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(run.url("/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=it-admin&client_secret=it-admin-secret-0123456789"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
            String accessToken = JSON.readTree(token.body()).get("access_token").asText();
            String header = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[0]));
            assertEquals("perisai-2026-11", JSON.readTree(header).get("kid").asText());
            HttpResponse<String> partners = HTTP.send(HttpRequest.newBuilder(run.url("/v1/admin/partners"))
                    .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, partners.statusCode(), partners.body());
            HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(run.url("/.well-known/jwks.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("perisai-2026-11", JSON.readTree(published.body()).get("keys").get(0).get("kid").asText());
        } finally {
            run.stop();
        }
    }
}
