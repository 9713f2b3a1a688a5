package id.perisai.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks on 127.0.0.1 (the JDK's own server, nothing of the service's): records every request
 * and answers each path with a programmed sequence of status codes, optionally after a delay (to make the sender time
 * out). Signatures are verified with the Standard Webhooks npm library ({@link #verifyWithStandardWebhooks}).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as received. */
    public record Received(String path, Map<String, String> headers, String body, long receivedAtMillis) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What a path answers: statuses in turn (the last repeats), each after the delay. */
    public record Behaviour(List<Integer> statuses, Duration delay) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public void answer(String path, Duration delay, Integer... statuses) {
        behaviours.put(path, new Behaviour(List.of(statuses), delay));
        calls.remove(path);
    }

    public List<Received> received(Predicate<Received> which) {
        return received.stream().filter(which).toList();
    }

    /** Waits until {@code count} requests match, at most {@code timeout}. */
    public List<Received> await(Predicate<Received> which, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> found = received(which);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " webhook requests, got " + found.size());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        headers.put(":method", exchange.getRequestMethod());
        received.add(new Received(path, headers, new String(body, StandardCharsets.UTF_8), System.currentTimeMillis()));
        Behaviour behaviour = behaviours.getOrDefault(path, new Behaviour(List.of(204), Duration.ZERO));
        int call = calls.merge(path, 1, Integer::sum) - 1;
        int status = behaviour.statuses().get(Math.min(call, behaviour.statuses().size() - 1));
        try {
            Thread.sleep(behaviour.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            exchange.sendResponseHeaders(status, status == 204 ? -1 : 0);
            if (status != 204) {
                // a long answer: the sender must stop reading it after 4 KiB
                exchange.getResponseBody().write("x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException senderGone) {
            // the sender timed out or stopped reading: as a real receiver would see it
        } finally {
            exchange.close();
        }
    }

    /**
     * Verifies each delivery with its secret using the Standard Webhooks npm package (the build's pinned Node tool
     * chain, {@code src/test/contract/ts/verify-webhooks.ts}); fails unless every one comes out as expected.
     */
    public static void verifyWithStandardWebhooks(List<Map<String, Object>> checks) throws Exception {
        Path file = Files.createTempFile("webhooks", ".json");
        try {
            Files.writeString(file, new ObjectMapper().writeValueAsString(checks));
            DemoApp.Run run = DemoApp.node("verify-webhooks.js", List.of(file.toAbsolutePath().toString()), 60);
            if (run.exitCode() != 0) {
                throw new AssertionError("Standard Webhooks verification failed: " + run.output());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One check for {@link #verifyWithStandardWebhooks}: the standard's three headers of a received request. */
    public static Map<String, Object> check(String secret, Received r, boolean expectValid) {
        Map<String, String> headers = new TreeMap<>();
        for (String h : new String[] { "webhook-id", "webhook-timestamp", "webhook-signature" }) {
            headers.put(h, r.header(h));
        }
        return Map.of("secret", secret, "headers", headers, "body", r.body(), "expectValid", expectValid);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
