package id.perisai.api.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * quality.md S8: what the HTTP layer refuses before any endpoint — an invalid percent-escape or character in the URI,
 * a control character in it, an over-long URI or over-large headers — is answered with a problem like everything else
 * (it was an empty body), sent over a plain socket as an attacker would.
 */
@QuarkusTest
class HttpLayerErrorsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Arguments refused(String name, int status, String problem, String target, String... headers) {
        return Arguments.of(name, status, problem, target, headers);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                refused("malformed escape in the query", 400, "malformed-uri", "/v1/partner?x=%zz"),
                refused("malformed escape in the path", 400, "malformed-uri", "/v1/%zz"),
                refused("truncated escape", 400, "malformed-uri", "/v1/admin/partners?cursor=%4"),
                refused("character a URI cannot hold", 400, "malformed-uri", "/v1/partner?x=a|b"),
                refused("NUL in the path", 400, "malformed-uri", "/v1/admin/partners/%00"),
                refused("escape character in the query", 400, "malformed-uri", "/v1/admin/partners?cursor=%1B%5B2J"),
                refused("malformed escape outside the API", 400, "malformed-uri", "/q/health/ready?x=%zz"),
                refused("URI of 5,000 characters", 414, "uri-too-long", "/v1/partner?x=" + "a".repeat(5000)),
                refused("a 24 KB header", 431, "headers-too-large", "/v1/partner", "X-Big: " + "a".repeat(24 * 1024)),
                refused("many headers of 21 KB in all", 431, "headers-too-large", "/v1/partner", manyHeaders()));
    }

    static String[] manyHeaders() {
        String[] headers = new String[210];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-Filler-" + i + ": " + "b".repeat(90);
        }
        return headers;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("requests")
    void refusedByTheHttpLayerWithAProblem(String name, int status, String problem, String target, String[] headers)
            throws Exception {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, target, headers);
        assertEquals(status, answer.status(), answer.toString());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("type").asText().endsWith("/problems/" + problem), body.toString());
        assertEquals(answer.header("X-Request-Id"), body.get("correlationId").asText());
        assertTrue(answer.body().length() < 1000, "nothing of the request is echoed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void wellFormedEscapesAndHeadersStillPass(String name, String target, String[] headers) throws Exception {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, target, headers);
        assertEquals(401, answer.status(), answer.toString()); // no token: the request reached the security layer
    }

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("escaped slash and space", "/v1/partner?x=a%2Fb%20c", new String[0]),
                Arguments.of("UTF-8 escapes", "/v1/partner?name=Siti%20%C3%9Cmi", new String[0]),
                Arguments.of("a 16 KB header", "/v1/partner", new String[] { "X-Big: " + "a".repeat(16 * 1024) }),
                Arguments.of("URI of 4,000 characters", "/v1/partner?x=" + "a".repeat(3980), new String[0]));
    }
}
