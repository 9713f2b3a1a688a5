package id.perisai.api.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import id.perisai.api.support.DemoApp;
import id.perisai.api.support.DocumentedResponses;
import id.perisai.api.support.PackagedApp;

/**
 * quality.md C3, second half, and C5: every request example of the document — each example of each request media type,
 * with the documented example of every path and required parameter — sent to the packaged app with the dev seed, gets
 * the operation's documented success status and a body that matches its schema. This is what a partner trying every
 * operation of the Swagger UI console on a fresh dev schema meets. The operations come from the document the app
 * serves, so a new operation is covered the moment it is documented.
 * <p>
 * Order: the operations that create something at a fixed path first (agency staff create the partner the admin
 * examples name, the scheme version 3 the scheme example reads), then the others (writes before reads, so the closed
 * period's payouts can be read), deletions last. The {@code Idempotency-Key} is fresh for each request, as documented.
 * <p>
 * Exceptions: none. An operation whose example cannot be sent as it is must be listed in {@link #NOT_SENT} with the
 * reason.
 */
class RequestExamplesIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** operationId → why its examples are not sent (kept empty unless an operation really cannot be tried). */
    static final Map<String, String> NOT_SENT = Map.of();

    record Call(String operationId, String method, String path, JsonNode operation, int order) {
    }

    @Test
    void everyRequestExampleGetsItsDocumentedResponse() throws Exception {
        PackagedApp app = DemoApp.start("perisai_examples");
        try {
            String base = "http://localhost:" + app.port();
            String served = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=yaml")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(served);
            String partnerToken = DemoApp.token(app, DemoApp.CLIENT_ID, DemoApp.CLIENT_SECRET);
            String adminToken = DemoApp.token(app, DemoApp.ADMIN_ID, DemoApp.ADMIN_SECRET);

            List<Call> calls = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (METHODS.contains(op.getKey())) {
                        calls.add(new Call(op.getValue().path("operationId").asText(), op.getKey().toUpperCase(),
                                path.getKey(), op.getValue(), order(op.getKey(), path.getKey())));
                    }
                }
            }
            calls.sort(Comparator.comparingInt(Call::order));
            List<String> problems = new ArrayList<>();
            int sent = 0;
            for (Call call : calls) {
                if (NOT_SENT.containsKey(call.operationId())) {
                    continue;
                }
                String token = call.path().startsWith("/v1/admin/") ? adminToken
                        : call.path().startsWith("/v1/") ? partnerToken : null;
                JsonNode content = call.operation().path("requestBody").path("content");
                if (content.isMissingNode() || content.isEmpty()) {
                    sent++;
                    send(base, call, token, null, null, "-", problems);
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext();) {
                    Map.Entry<String, JsonNode> type = types.next();
                    for (Iterator<Map.Entry<String, JsonNode>> examples = type.getValue().path("examples")
                            .fields(); examples.hasNext();) {
                        Map.Entry<String, JsonNode> example = examples.next();
                        sent++;
                        send(base, call, token, type.getKey(), example.getValue().path("value"), example.getKey(),
                                problems);
                    }
                }
            }
            assertTrue(sent >= calls.size(), "requests sent: " + sent);
            assertTrue(problems.isEmpty(), problems.size() + " of " + sent + " examples did not get their documented"
                    + " response:\n" + String.join("\n", problems) + "\n--- app log ---\n" + tail(app.output()));
        } finally {
            app.stop();
        }
    }

    /** Creations at fixed paths first, then writes before reads, deletions last. */
    static int order(String method, String path) {
        if (method.equals("delete")) {
            return 4;
        }
        if (!path.contains("{") && (method.equals("post") || method.equals("put"))) {
            return 0;
        }
        return switch (method) {
            case "post", "put" -> 1;
            case "patch" -> 2;
            default -> 3;
        };
    }

    static void send(String base, Call call, String token, String mediaType, JsonNode example, String name,
            List<String> problems) throws Exception {
        String where = call.operationId() + " (" + call.method() + " " + call.path() + ", " + (mediaType == null ? ""
                : mediaType + " ") + "example " + name + ")";
        StringBuilder url = new StringBuilder(base);
        String path = call.path();
        StringJoiner query = new StringJoiner("&");
        HttpRequest.Builder request = HttpRequest.newBuilder();
        for (JsonNode parameter : call.operation().path("parameters")) {
            String in = parameter.path("in").asText();
            String pname = parameter.path("name").asText();
            boolean required = parameter.path("required").asBoolean(false) || in.equals("path");
            if (!required) {
                continue;
            }
            if (in.equals("header") && pname.equals("Idempotency-Key")) {
                request.header(pname, "examples-" + UUID.randomUUID());
                continue;
            }
            if (!parameter.has("example")) {
                problems.add(where + ": required parameter " + pname + " has no example");
                return;
            }
            String value = parameter.get("example").asText();
            switch (in) {
                case "path" -> path = path.replace("{" + pname + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
                case "query" -> query.add(pname + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                case "header" -> request.header(pname, value);
                default -> throw new IllegalStateException(in);
            }
        }
        url.append(path);
        if (query.length() > 0) {
            url.append('?').append(query);
        }
        request.uri(URI.create(url.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Map.Entry<String, JsonNode> success = success(call.operation());
        String accept = success == null ? null : first(success.getValue().path("content"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (mediaType == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", mediaType);
            request.method(call.method(), HttpRequest.BodyPublishers.ofString(body(mediaType, example)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (success == null) {
            problems.add(where + ": no success response documented");
            return;
        }
        String expected = success.getKey();
        if (!String.valueOf(response.statusCode()).equals(expected)) {
            problems.add(where + ": expected " + expected + ", got " + response.statusCode() + " " + response.body());
            return;
        }
        JsonNode media = accept == null ? null : success.getValue().path("content").path(accept);
        if (media != null && accept.contains("json") && media.has("schema") && !response.body().isEmpty()) {
            List<String> mismatches = new ArrayList<>();
            DocumentedResponses.check(JSON.readTree(response.body()), media.get("schema"), "$", mismatches);
            if (!mismatches.isEmpty()) {
                problems.add(where + ": the response does not match its schema: " + mismatches);
            }
        }
    }

    /** The documented success response (the first 2xx). */
    static Map.Entry<String, JsonNode> success(JsonNode operation) {
        for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields(); responses
                .hasNext();) {
            Map.Entry<String, JsonNode> response = responses.next();
            if (response.getKey().startsWith("2")) {
                return response;
            }
        }
        return null;
    }

    static String first(JsonNode content) {
        Iterator<String> names = content.fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    /** The example as the body of its media type: text as it is, a form as fields, anything else as JSON. */
    static String body(String mediaType, JsonNode example) throws Exception {
        if (example.isTextual()) {
            return example.asText();
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            StringJoiner form = new StringJoiner("&");
            example.fields().forEachRemaining(f -> form.add(f.getKey() + "="
                    + URLEncoder.encode(f.getValue().asText(), StandardCharsets.UTF_8)));
            return form.toString();
        }
        return JSON.writeValueAsString(example);
    }

    static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
