package id.perisai.api.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Response validation of all the suite's traffic against the committed {@code openapi/openapi.yaml} (quality.md S6:
 * the documented DTOs only): a REST Assured filter, installed for every {@code @QuarkusTest} like {@link AuditedWrites},
 * that checks every answer of a documented operation — its status code is documented, its media type is one the
 * document names for that status, and a JSON body matches the schema: types, required members, enumerations, items,
 * and no member the schema does not list. Requests to paths the document does not know (the 404 tests) are left
 * alone.
 */
public final class DocumentedResponses implements QuarkusTestBeforeEachCallback, Filter {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile JsonNode document;
    private static volatile List<Template> templates;

    /** A documented path as a pattern; literal paths sort before templated ones. */
    record Template(String path, Pattern pattern, int parameters) {
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (INSTALLED.compareAndSet(false, true)) {
            RestAssured.filters(new DocumentedResponses());
        }
    }

    public static JsonNode document() {
        if (document == null) {
            try {
                JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
                List<Template> list = new ArrayList<>();
                doc.path("paths").fieldNames().forEachRemaining(p -> list.add(new Template(p,
                        Pattern.compile("^" + p.replaceAll("\\{[^}]+}", "[^/]+") + "$"), p.split("\\{", -1).length - 1)));
                list.sort(Comparator.comparingInt(Template::parameters));
                templates = list;
                document = doc;
            } catch (IOException e) {
                throw new IllegalStateException("openapi/openapi.yaml cannot be read", e);
            }
        }
        return document;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = request.getDerivedPath();
        if (!(path.startsWith("/v1/") || path.startsWith("/oauth2/") || path.startsWith("/.well-known/"))) {
            return response;
        }
        JsonNode doc = document();
        Template template = templates.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst().orElse(null);
        JsonNode operation = template == null ? null
                : doc.path("paths").path(template.path()).get(request.getMethod().toLowerCase());
        int status = response.statusCode();
        if (operation == null || status == 404 || status == 405 || status == 401) {
            // unknown paths and methods, and the authentication layer's answer, are the subject of their own tests
            return response;
        }
        String where = request.getMethod() + " " + template.path() + " → " + status;
        JsonNode documented = operation.path("responses").has(String.valueOf(status))
                ? operation.path("responses").path(String.valueOf(status))
                : operation.path("responses").path("default");
        if (documented.isMissingNode()) {
            throw new AssertionError(where + ": status not documented in openapi/openapi.yaml");
        }
        JsonNode content = documented.path("content");
        String type = response.contentType() == null ? "" : response.contentType().split(";")[0].trim();
        if (content.isMissingNode() || content.isEmpty() || type.isEmpty()) {
            return response;
        }
        JsonNode media = content.get(type);
        if (media == null) {
            throw new AssertionError(where + ": media type " + type + " not documented (" + names(content) + ")");
        }
        if (type.contains("json") && media.has("schema") && !response.asString().isEmpty()) {
            try {
                List<String> problems = new ArrayList<>();
                check(JSON.readTree(response.asString()), media.get("schema"), "$", problems);
                if (!problems.isEmpty()) {
                    throw new AssertionError(where + ": the body does not match its documented schema: " + problems);
                }
            } catch (IOException e) {
                throw new AssertionError(where + ": not JSON", e);
            }
        }
        return response;
    }

    static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    public static JsonNode resolve(JsonNode schema) {
        for (int hops = 0; schema.has("$ref"); hops++) {
            String ref = schema.get("$ref").asText();
            if (hops == 10) {
                throw new AssertionError("openapi/openapi.yaml: " + ref + " refers to itself");
            }
            schema = document().at(ref.substring(1));
        }
        return schema;
    }

    /**
     * The subset of JSON Schema our document uses: {@code $ref}, {@code allOf}, types, enumerations, required and
     * undocumented members (closed unless {@code additionalProperties} allows more), items, string lengths and
     * patterns, numeric and array bounds, and the {@code date}, {@code date-time} and {@code uuid} formats.
     */
    public static void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
        schema = resolve(schema);
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                problems.add(at + " is not allowed");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, at, problems);
        }
        List<String> types = new ArrayList<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type != null) {
            types.add(type.asText());
        }
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) {
                // optional members are left out rather than null; a null is allowed only where documented
                problems.add(at + " is null");
            }
            return;
        }
        if (!types.isEmpty() && types.stream().noneMatch(t -> matches(value, t))) {
            problems.add(at + " is " + value.getNodeType() + ", documented " + types);
            return;
        }
        if (schema.has("enum") && value.isValueNode()) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.asText().equals(value.asText());
            }
            if (!listed) {
                problems.add(at + " = " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            int length = text.codePointCount(0, text.length());
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(at + " is longer than " + schema.get("maxLength"));
            }
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(at + " is shorter than " + schema.get("minLength"));
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                problems.add(at + " = " + value + " does not match " + schema.get("pattern"));
            }
            String format = schema.path("format").asText("");
            if (!format.isEmpty() && !formatted(text, format)) {
                problems.add(at + " = " + value + " is not a " + format);
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(at + " = " + value + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(at + " = " + value + " is above " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + "." + required.asText() + " is required");
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            boolean open = properties.isMissingNode() || (additional != null && !additional.equals(BooleanNode.FALSE));
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                if (properties.has(member.getKey())) {
                    check(member.getValue(), properties.get(member.getKey()), at + "." + member.getKey(), problems);
                } else if (!open) {
                    problems.add(at + "." + member.getKey() + " is not documented");
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(at + " has more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + " has fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
                }
            }
        }
    }

    static boolean formatted(String text, String format) {
        try {
            switch (format) {
                case "date" -> java.time.LocalDate.parse(text);
                case "date-time" -> java.time.OffsetDateTime.parse(text);
                case "uuid" -> java.util.UUID.fromString(text);
                default -> {
                    return true;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean matches(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }
}
