package id.perisai.api.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of the OpenAPI document the running app serves, for the tests generated from it (scope matrix, bad
 * input barrage): a new endpoint is covered the moment it is documented.
 */
public final class OpenApiOperations {

    /**
     * One operation: its scopes, and for each request media type the request examples of the document (JSON values as
     * parsed, text bodies as strings).
     */
    public record Operation(String method, String path, Set<String> scopes, Map<String, List<Object>> requestExamples) {
        public boolean hasBody() {
            return !requestExamples.isEmpty();
        }

        /** The path with the given values for its parameters, and an id that exists nowhere for any other. */
        public String path(Map<String, String> values) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                        values.getOrDefault(m.group(1), "00000000-0000-0000-0000-000000000000")));
            }
            return m.appendTail(out).toString();
        }

        public boolean admin() {
            return path.startsWith("/v1/admin/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private OpenApiOperations() {
    }

    /** Every operation of the served document whose path starts with one of the prefixes. */
    @SuppressWarnings("unchecked")
    public static List<Operation> served(String... prefixes) {
        Map<String, Object> doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().as(Map.class);
        List<Operation> ops = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method)
                    || List.of(prefixes).stream().noneMatch(path::startsWith)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            Set<String> scopes = new TreeSet<>();
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.get("security");
            if (security != null) {
                security.forEach(requirement -> requirement.values().forEach(scopes::addAll));
            }
            Map<String, List<Object>> examples = new LinkedHashMap<>();
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null) {
                ((Map<String, Map<String, Object>>) body.get("content")).forEach((mediaType, content) -> {
                    List<Object> values = new ArrayList<>();
                    if (content.containsKey("example")) {
                        values.add(content.get("example"));
                    }
                    Map<String, Map<String, Object>> named = (Map<String, Map<String, Object>>) content.get("examples");
                    if (named != null) {
                        named.values().forEach(e -> values.add(e.get("value")));
                    }
                    examples.put(mediaType, values);
                });
            }
            ops.add(new Operation(method.toUpperCase(), path, scopes, examples));
        }));
        return ops;
    }
}
