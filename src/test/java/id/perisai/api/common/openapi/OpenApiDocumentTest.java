package id.perisai.api.common.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed {@code openapi/openapi.yaml} is exactly what the service serves, and every operation is documented
 * to the bar of quality.md (summary, description, examples, problem responses, scopes). To regenerate the file after
 * an API change: {@code ./mvnw verify -Dopenapi.update=true} (then commit it).
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Test
    void committedDocumentIsWhatTheServiceServes() throws Exception {
        String served = given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served);
        }
        assertTrue(Files.exists(COMMITTED), "openapi/openapi.yaml is missing: run ./mvnw verify -Dopenapi.update=true");
        String committed = Files.readString(COMMITTED);
        if (!committed.equals(served)) {
            fail("openapi/openapi.yaml differs from the served document: run ./mvnw verify -Dopenapi.update=true and"
                    + " commit the result");
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyOperationIsDocumentedWithExamplesProblemsAndScopes() {
        Map<String, Object> doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().as(Map.class);
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("securitySchemes");
        Map<String, Object> oauth2 = (Map<String, Object>) schemes.get("oauth2");
        assertEquals("oauth2", oauth2.get("type"));
        Map<String, Object> flow = (Map<String, Object>) ((Map<String, Object>) oauth2.get("flows")).get("clientCredentials");
        assertEquals("/oauth2/token", flow.get("tokenUrl"));

        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            String op = method.toUpperCase() + " " + path;
            Map<String, Object> operation = (Map<String, Object>) value;
            for (String key : List.of("operationId", "summary", "description", "tags")) {
                if (operation.get(key) == null) {
                    problems.add(op + ": no " + key);
                }
            }
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null && !hasExamples((Map<String, Object>) body.get("content"))) {
                problems.add(op + ": request body without example");
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            boolean successExample = false;
            boolean problemExample = false;
            for (var response : responses.entrySet()) {
                Map<String, Object> content = (Map<String, Object>) response.getValue().get("content");
                if (response.getKey().startsWith("2")) {
                    successExample |= content == null || hasExamples(content);
                } else if (content != null && hasExamples(content)) {
                    problemExample = true;
                }
            }
            if (!successExample) {
                problems.add(op + ": success response without example");
            }
            if (!problemExample) {
                problems.add(op + ": no error response with an example");
            }
            if (path.startsWith("/v1/")) {
                for (String code : List.of("401", "403", "500")) {
                    if (!responses.containsKey(code)) {
                        problems.add(op + ": no " + code + " response");
                    }
                }
                if (operation.get("security") == null) {
                    problems.add(op + ": no security requirement");
                }
            }
        }));
        assertFalse(paths.isEmpty());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @SuppressWarnings("unchecked")
    private static boolean hasExamples(Map<String, Object> content) {
        assertNotNull(content);
        return content.values().stream().anyMatch(media -> {
            Map<String, Object> m = (Map<String, Object>) media;
            return m.get("examples") != null || m.get("example") != null;
        });
    }
}
