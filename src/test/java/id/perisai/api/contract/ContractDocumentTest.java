package id.perisai.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import id.perisai.api.support.DocumentedResponses;

/**
 * quality.md C2, for every operation of the committed {@code openapi/openapi.yaml} (those of capabilities yet to come
 * too): what generated clients and the console need of the document, beyond what {@code OpenApiDocumentTest} checks.
 */
class ContractDocumentTest {

    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static final JsonNode DOC = DocumentedResponses.document();

    /** Calls {@code visit} with "METHOD path" and each operation. */
    static void operations(BiConsumer<String, JsonNode> visit) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = DOC.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    visit.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                }
            });
        }
    }

    @Test
    void noRefHasSiblingKeywords() {
        List<String> found = new ArrayList<>();
        walk(DOC, "#", (at, node) -> {
            if (node.has("$ref") && node.size() > 1) {
                found.add(at);
            }
        });
        assertTrue(found.isEmpty(), "$ref with sibling keywords (generators drop the referenced type): " + found);
    }

    @Test
    void everyRequestBodyMediaTypeHasASchemaAndAnExample() {
        List<String> problems = new ArrayList<>();
        operations((op, operation) -> operation.path("requestBody").path("content").fields().forEachRemaining(media -> {
            JsonNode schema = media.getValue().path("schema");
            if (schema.isMissingNode()) {
                problems.add(op + " " + media.getKey() + ": no schema");
            } else if ("binary".equals(schema.path("format").asText())) {
                problems.add(op + " " + media.getKey() + ": a file, not the body's schema");
            }
            if (!media.getValue().has("examples") && !media.getValue().has("example")) {
                problems.add(op + " " + media.getKey() + ": no example");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void bulkJsonBodiesAreRecordsOfADocumentedSchema() {
        List<String> bulk = new ArrayList<>();
        operations((op, operation) -> {
            JsonNode content = operation.path("requestBody").path("content");
            if (!content.has("application/x-ndjson")) {
                return;
            }
            bulk.add(op);
            JsonNode body = DocumentedResponses.resolve(content.path("application/json").path("schema"));
            assertEquals("[\"records\"]", body.path("required").toString(), op);
            JsonNode record = DocumentedResponses.resolve(body.path("properties").path("records").path("items"));
            assertEquals("object", record.path("type").asText(), op + ": records are objects");
            assertFalse(record.path("required").isEmpty(), op + ": records have required members");
            assertEquals("string", content.path("application/x-ndjson").path("schema").path("type").asText(), op);
        });
        assertTrue(bulk.size() >= 3, "bulk operations: " + bulk);
    }

    @Test
    void everyErrorResponseHasABodyAndRetriesSayWhen() {
        List<String> problems = new ArrayList<>();
        operations((op, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            String code = response.getKey();
            JsonNode value = response.getValue();
            if ((code.startsWith("4") || code.startsWith("5")) && value.path("content").isEmpty()) {
                problems.add(op + " " + code + ": no body documented");
            }
            if ((code.equals("429") || code.equals("503")) && !value.path("headers").has("Retry-After")) {
                problems.add(op + " " + code + ": no Retry-After");
            }
            if (code.equals("201") && !value.path("headers").has("Location")) {
                problems.add(op + " 201: no Location");
            }
            boolean partner = op.contains(" /v1/") && !op.contains(" /v1/admin/");
            if (partner && code.startsWith("2") && !value.path("headers").has("RateLimit")) {
                problems.add(op + " " + code + ": no RateLimit headers");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void responseObjectsSayWhatIsAlwaysThereAndServersAndLicenseAreSet() {
        List<String> problems = new ArrayList<>();
        operations((op, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            if (!response.getKey().startsWith("2")) {
                return;
            }
            response.getValue().path("content").fields().forEachRemaining(media -> {
                JsonNode schema = DocumentedResponses.resolve(media.getValue().path("schema"));
                if ("object".equals(schema.path("type").asText()) && schema.has("properties")
                        && schema.path("required").isEmpty()) {
                    problems.add(op + " " + response.getKey() + ": a response object with no required member");
                }
            });
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertFalse(DOC.path("servers").isEmpty(), "servers");
        assertFalse(DOC.path("info").path("license").path("name").asText().isEmpty(), "license");
    }

    static void walk(JsonNode node, String at, BiConsumer<String, JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(at, node);
            node.fields().forEachRemaining(f -> walk(f.getValue(), at + "/" + f.getKey(), visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, visit);
            }
        }
    }
}
