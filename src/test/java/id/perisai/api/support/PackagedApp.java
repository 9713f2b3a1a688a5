package id.perisai.api.support;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}, prod profile) as a process of its
 * own, configured only by environment variables, against the local PostgreSQL (schema {@code perisai_it} of the test
 * database) or a database a test names.
 */
public final class PackagedApp {

    public static final Path JAR = Path.of(System.getProperty("quarkus.run.jar", "target/quarkus-app/quarkus-run.jar"));
    public static final String ISSUER = "https://packaged-it.example";
    public static final String AUDIENCE = "perisai-it-audience";
    /** The database packaged apps use unless a test gives them another. */
    public static final Database DATABASE = new Database(5432, TestDb.DATABASE, "perisai_it");
    public static final String DB_URL = DATABASE.jdbcUrl();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private PackagedApp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A PostgreSQL database (and schema) on this machine, by port. */
    public record Database(int port, String name, String schema) {
        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?currentSchema=" + schema;
        }

        public String reactiveUrl() {
            return "postgresql://127.0.0.1:" + port + "/" + name + "?search_path=" + schema;
        }
    }

    /** A complete production configuration on a free port, with fresh personal-data keys. */
    public static Map<String, String> environment(int port) {
        return environment(port, DATABASE);
    }

    /** The same against another database (e.g. a throwaway cluster of a test's own). */
    public static Map<String, String> environment(int port, Database db) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_FLYWAY_SCHEMAS", db.schema());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "src/test/resources/keys/dev-only-verification-keys.jwks.json");
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", AUDIENCE);
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", "src/test/resources/keys/dev-only-signing-key.pem");
        env.put("PERISAI_PII_ENCRYPTION_KEY", randomKey());
        env.put("PERISAI_PII_INDEX_KEY", randomKey());
        env.put("PERISAI_OAUTH_SECRET_HASH_KEY", randomKey());
        return env;
    }

    public static PackagedApp start(Map<String, String> env) throws IOException {
        return start(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(), env);
    }

    /** The same with another JVM and JVM options (the container image runs the jar on Java 25 with an AOT cache). */
    public static PackagedApp start(Path java, List<String> jvmOptions, Map<String, String> env) throws IOException {
        assertTrue(Files.exists(JAR), "package the app first: " + JAR);
        Path log = Files.createTempFile("packaged-app", ".log");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PERISAI_")
                || k.startsWith("MP_JWT") || k.startsWith("SMALLRYE_"));
        builder.environment().putAll(env);
        int port = Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", "8080"));
        return new PackagedApp(builder.start(), log, port);
    }

    public PackagedApp awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "app exited: " + output());
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(url("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        // a replica that never got ready is of no use to the caller, which has no handle to stop it yet
        process.destroyForcibly();
        throw new AssertionError("not ready in 60 s: " + output());
    }

    public int port() {
        return port;
    }

    public URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public Process process() {
        return process;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGTERM, then SIGKILL if it does not stop in 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** kill -9: no shutdown hooks, no cleanup. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    }

    /** A token this app accepts (its issuer and audience), signed with the dev/test key. */
    public static TestTokens.Builder token(TestTokens.Builder builder) {
        return builder.claim("iss", ISSUER).claim("aud", AUDIENCE);
    }
}
