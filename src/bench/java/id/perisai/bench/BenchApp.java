package id.perisai.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application started for the benchmark: {@code java -jar target/quarkus-app/quarkus-run.jar}, the prod
 * profile, configured by environment variables only, against the local PostgreSQL in a schema of its own
 * ({@code perisai_bench} in database {@code postgres}, dropped and created afresh by {@link #resetSchema()}).
 */
final class BenchApp implements AutoCloseable {

    static final Path APP_DIR = Path.of("target/quarkus-app").toAbsolutePath();
    static final Path JAR = APP_DIR.resolve("quarkus-run.jar");
    static final Path KEYS = Path.of("src/test/resources/keys").toAbsolutePath();

    /**
     * The JVM options the service is run with (README, Dockerfile): a fixed heap, the class-data-sharing archive of the
     * build when there is one (it only works with the JDK that made it, from the quarkus-app directory), and a later
     * start of the optimising compiler, which otherwise takes the second core away from start-up.
     */
    static List<String> jvmOptions(String heap) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:MetaspaceSize=128m",
                "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
                "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000"));
        if (Files.exists(APP_DIR.resolve("app-cds.jsa"))) {
            options.add("-XX:SharedArchiveFile=app-cds.jsa");
        }
        return options;
    }

    /** The schema of the run ({@code -Dbench.schema}, for a second checkout benchmarking on the same server). */
    static final String SCHEMA = System.getProperty("bench.schema", "perisai_bench");
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + SCHEMA;
    static final String ADMIN_ID = "bench-admin";
    static final String ADMIN_SECRET = "bench-only-admin-secret-" + System.nanoTime();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final Path log;
    final int port;
    final long startedNanos;

    private BenchApp(Process process, Path log, int port, long startedNanos) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(JDBC, "postgres", "");
    }

    /** Drops and recreates the benchmark schema (the app migrates it when it starts). */
    static void resetSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
        }
    }

    /** Batches of any partner not yet COMPLETED or FAILED. */
    static long openBatches() throws SQLException {
        try (Connection c = db();
                Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from batch where status in ('RECEIVED', 'PROCESSING')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Lets PostgreSQL catch up between goals (a checkpoint, fresh statistics, no autovacuum left running), so that one
     * goal's writes are not paid for in the next goal's figures.
     */
    static void settle() throws SQLException, InterruptedException {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
            s.execute("checkpoint");
            for (int i = 0; i < 600; i++) {
                try (var rs = s
                        .executeQuery("select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static final String PII_KEY = randomKey();
    static final String INDEX_KEY = randomKey();
    static final String SECRET_HASH_KEY = randomKey();

    static Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/postgres?search_path=" + SCHEMA);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", JDBC);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", KEYS.resolve("dev-only-verification-keys.jwks.json").toString());
        env.put("MP_JWT_VERIFY_ISSUER", "https://perisai-bench.local");
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", KEYS.resolve("dev-only-signing-key.pem").toString());
        env.put("PERISAI_PII_ENCRYPTION_KEY", PII_KEY);
        env.put("PERISAI_PII_INDEX_KEY", INDEX_KEY);
        env.put("PERISAI_OAUTH_SECRET_HASH_KEY", SECRET_HASH_KEY);
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_ID", ADMIN_ID);
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_SECRET", ADMIN_SECRET);
        // P3's 32 concurrent clients act for one partner: above the production cap of uploads in flight per partner
        // (4), which would answer most of them 429 too-many-uploads instead of measuring the batches
        env.put("PERISAI_UPLOAD_MAX_IN_FLIGHT_PER_PARTNER", "64");
        // the benchmark drives its own traffic; logs stay terse
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.put("QUARKUS_LOG_CATEGORY__ID_PERISAI__LEVEL", "INFO");
        return env;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the packaged app with extra JVM options and environment variables. */
    static BenchApp start(List<String> jvmOptions, Map<String, String> extraEnv) throws IOException {
        return start(Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions, extraEnv);
    }

    /** Starts the packaged app with another JVM (P6 runs it on a JDK 25 with an AOT cache). */
    static BenchApp start(Path java, List<String> jvmOptions, Map<String, String> extraEnv) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("package the app first: " + JAR);
        }
        int port = freePort();
        Path log = Files.createTempFile("perisai-bench-app", ".log");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add("quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(command).directory(APP_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PERISAI_")
                || k.startsWith("MP_JWT") || k.startsWith("SMALLRYE_"));
        builder.environment().putAll(environment(port));
        builder.environment().putAll(extraEnv);
        long started = System.nanoTime();
        return new BenchApp(builder.start(), log, port, started);
    }

    /** Waits for readiness; returns the seconds from process start to the first 200 of /q/health/ready. */
    double awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("app exited:\n" + output());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(url("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not ready in 120 s:\n" + output());
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(30);
    }

    /** SIGTERM, then SIGKILL if the process has not ended within the given seconds. */
    void stop(int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ---- HTTP helpers --------------------------------------------------------------------------------------------

    JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " → "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    String token(String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(url("/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")), 200).get("access_token")
                .asText();
    }

    String adminToken() throws IOException, InterruptedException {
        return token(ADMIN_ID, ADMIN_SECRET);
    }

    HttpRequest.Builder post(String path, String token, String contentType, byte[] body) {
        return HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token).GET();
    }

    /** Creates a partner with quotas the benchmark does not reach and a client with every partner scope. */
    String partnerToken(String code) throws IOException, InterruptedException {
        String admin = adminToken();
        Map<String, Object> partner = Map.of("code", code, "name", "Benchmark " + code, "type", "AGGREGATOR",
                "branchOffice", "Jakarta Salemba", "quota", Map.of("registrationsPerDay", 100_000_000,
                        "contributionsPerDay", 100_000_000, "maxBatchRecords", 1_000_000, "requestsPerMinute", 1_000_000));
        send(post("/v1/admin/partners", admin, "application/json", JSON.writeValueAsBytes(partner)), 201);
        JsonNode client = send(post("/v1/admin/partners/" + code + "/clients", admin, "application/json",
                JSON.writeValueAsBytes(Map.of("name", "benchmark", "scopes", List.of("agents:read", "agents:write",
                        "registrations:read", "registrations:write", "contributions:read", "contributions:write",
                        "incentives:read", "webhooks:manage")))),
                201);
        return token(client.get("clientId").asText(), client.get("clientSecret").asText());
    }

    /** Submits a batch (NDJSON) and waits until it is COMPLETED; returns the seconds from upload to COMPLETED. */
    double submitAndAwait(String kindPath, String token, byte[] ndjson, String key)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        JsonNode accepted = send(post(kindPath, token, "application/x-ndjson", ndjson).header("Idempotency-Key", key),
                202);
        String batchId = accepted.get("batchId").asText();
        while (true) {
            JsonNode batch = send(get(kindPath + "/" + batchId, token), 200);
            String status = batch.get("status").asText();
            if ("COMPLETED".equals(status)) {
                return (System.nanoTime() - start) / 1e9;
            }
            if ("FAILED".equals(status)) {
                throw new IllegalStateException("batch FAILED: " + batch);
            }
            Thread.sleep(50);
        }
    }
}
