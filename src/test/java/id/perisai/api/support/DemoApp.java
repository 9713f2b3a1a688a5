package id.perisai.api.support;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application with the dev seed ({@code dev/DevSeed}: the demo partner, its client and agent, the records
 * the OpenAPI examples name) and the dev admin client, in a fresh schema of its own — what a partner trying the
 * README or the console on a fresh dev schema meets. Also runs the Node side of the contract checks against it.
 */
public final class DemoApp {

    public static final String CLIENT_ID = "demo-wadah-portal";
    public static final String CLIENT_SECRET = "dev-only-demo-secret";
    public static final String ADMIN_ID = "dev-admin";
    public static final String ADMIN_SECRET = "dev-only-admin-secret";
    public static final String AGENT = "AGDEMO000001";
    /** The Node project of the contract checks, and where the build compiles its TypeScript (beside its packages). */
    public static final Path NODE_PROJECT = Path.of("src/test/contract");
    public static final Path NODE_SCRIPTS = NODE_PROJECT.resolve("node_modules/.build");

    private DemoApp() {
    }

    /** Starts the packaged app with the dev seed in {@code schema}, dropped first. */
    public static PackagedApp start(String schema) throws Exception {
        return start(schema, PackagedApp.freePort());
    }

    public static PackagedApp start(String schema, int port) throws Exception {
        return PackagedApp.start(environment(schema, port)).awaitReady();
    }

    /**
     * The environment of the packaged app with the dev seed in {@code schema}, which is dropped first; a second replica
     * runs with a copy of it on another port (the same keys).
     */
    public static Map<String, String> environment(String schema, int port) {
        PackagedApp.Database db = new PackagedApp.Database(5432, TestDb.DATABASE, schema);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + TestDb.DATABASE,
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> env = PackagedApp.environment(port, db);
        env.put("PERISAI_DEV_SEED_DEMO_DATA", "true");
        // the README's webhook walkthrough delivers to a receiver on this machine, as dev mode allows
        env.put("PERISAI_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_ID", ADMIN_ID);
        env.put("PERISAI_BOOTSTRAP_ADMIN_CLIENT_SECRET", ADMIN_SECRET);
        return env;
    }

    /** A token of the client credentials from the app's token endpoint. */
    public static String token(PackagedApp app, String clientId, String secret) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("token for " + clientId + ": " + response.statusCode() + " " + response.body());
        }
        return new ObjectMapper().readTree(response.body()).get("access_token").asText();
    }

    /** The result of a Node script of the contract checks. */
    public record Run(int exitCode, String output) {
    }

    /** Runs {@code target/contract/js/<script>} with the arguments; its output is printed as it comes too. */
    public static Run node(String script, List<String> arguments, long timeoutSeconds) throws IOException,
            InterruptedException {
        Path compiled = NODE_SCRIPTS.resolve(script);
        if (!Files.exists(compiled)) {
            throw new AssertionError(compiled + " is missing: the build compiles src/test/contract/ts (run ./mvnw verify"
                    + " without -Dcontract.skip)");
        }
        List<String> command = new ArrayList<>(List.of("node", compiled.toAbsolutePath().toString()));
        command.addAll(arguments);
        Path log = Files.createTempFile("contract-" + script, ".log");
        Process process = new ProcessBuilder(command).directory(NODE_PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        return new Run(finished ? process.exitValue() : -1, output);
    }
}
