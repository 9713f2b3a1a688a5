package id.perisai.api.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.DocumentedResponses;

/**
 * quality.md C3, first half: every example of the committed {@code openapi/openapi.yaml} validates against its schema —
 * request and response bodies, parameters and headers, and the examples of the schemas' own members. A JSON example is
 * checked with the document's own validator ({@link DocumentedResponses#check}); an NDJSON example line by line against
 * the records of the same operation's JSON body, and a CSV example's header against their members.
 */
class ExamplesMatchSchemasTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everyExampleValidatesAgainstItsSchema() throws IOException {
        JsonNode doc = DocumentedResponses.document();
        List<String> problems = new ArrayList<>();
        int[] checked = { 0 };
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if (parameter.has("example")) {
                        checked[0]++;
                        check(parameter.get("example"), parameter.path("schema"),
                                where + " parameter " + parameter.path("name").asText(), problems);
                    }
                }
                JsonNode body = op.getValue().path("requestBody").path("content");
                media(body, body, where + " request", problems, checked);
                for (Iterator<Map.Entry<String, JsonNode>> responses = op.getValue().path("responses").fields(); responses
                        .hasNext();) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    String at = where + " → " + response.getKey();
                    media(response.getValue().path("content"), body, at, problems, checked);
                    for (Iterator<Map.Entry<String, JsonNode>> headers = response.getValue().path("headers")
                            .fields(); headers.hasNext();) {
                        Map.Entry<String, JsonNode> header = headers.next();
                        if (header.getValue().has("example")) {
                            checked[0]++;
                            check(header.getValue().get("example"), header.getValue().path("schema"),
                                    at + " header " + header.getKey(), problems);
                        }
                    }
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> schemas = doc.path("components").path("schemas").fields(); schemas
                .hasNext();) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            for (Iterator<Map.Entry<String, JsonNode>> members = schema.getValue().path("properties").fields(); members
                    .hasNext();) {
                Map.Entry<String, JsonNode> member = members.next();
                for (JsonNode example : member.getValue().path("examples")) {
                    checked[0]++;
                    check(example, member.getValue(), schema.getKey() + "." + member.getKey(), problems);
                }
            }
        }
        assertTrue(checked[0] > 300, "examples checked: " + checked[0]);
        assertTrue(problems.isEmpty(), problems.size() + " examples do not match their schema:\n"
                + String.join("\n", problems));
    }

    @Test
    void theValidatorCatchesAnExampleThatBreaksItsSchema() {
        JsonNode record = DocumentedResponses.document().at("/components/schemas/RegistrationRecord");
        List<String> problems = new ArrayList<>();
        check(JSON.createObjectNode().put("nik", "3201014101900001").put("gender", "Q").put("color", "red"), record,
                "record", problems);
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains("gender")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("fullName is required")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("color is not documented")), problems.toString());
    }

    /** The examples of each media type of a content map; {@code body} is the operation's request content. */
    static void media(JsonNode content, JsonNode body, String where, List<String> problems, int[] checked)
            throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext();) {
            Map.Entry<String, JsonNode> type = types.next();
            JsonNode schema = type.getValue().path("schema");
            List<JsonNode> examples = new ArrayList<>();
            if (type.getValue().has("example")) {
                examples.add(type.getValue().get("example"));
            }
            type.getValue().path("examples").forEach(e -> examples.add(e.path("value")));
            for (JsonNode example : examples) {
                checked[0]++;
                String at = where + " " + type.getKey();
                JsonNode records = DocumentedResponses.resolve(body.path("application/json").path("schema"))
                        .path("properties").path("records").path("items");
                if (type.getKey().equals("application/x-ndjson")) {
                    assertTrue(example.isTextual(), at + ": an NDJSON example is text");
                    int line = 0;
                    for (String text : example.asText().split("\n")) {
                        line++;
                        check(JSON.readTree(text), records, at + " line " + line, problems);
                    }
                } else if (type.getKey().equals("text/csv") && !records.isMissingNode() && where.endsWith("request")) {
                    assertTrue(example.isTextual(), at + ": a CSV example is text");
                    JsonNode members = DocumentedResponses.resolve(records).path("properties");
                    for (String column : example.asText().lines().findFirst().orElse("").split("[,;]")) {
                        if (!members.has(column)) {
                            problems.add(at + ": column " + column + " is not a member of the record");
                        }
                    }
                } else {
                    check(example, schema, at, problems);
                }
            }
        }
    }

    static void check(JsonNode example, JsonNode schema, String at, List<String> problems) {
        if (schema.isMissingNode()) {
            return;
        }
        DocumentedResponses.check(example, schema, at, problems);
    }
}
