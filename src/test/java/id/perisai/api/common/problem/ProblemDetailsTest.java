package id.perisai.api.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every failure is RFC 9457 problem details with a correlation id, and nothing internal. */
@QuarkusTest
class ProblemDetailsTest {

    @Test
    void unknownPathIsProblem404WithCorrelationIdFromTheHeader() {
        var response = given().get("/no/such/path").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/not-found"))
                .body("title", notNullValue())
                .body("status", equalTo(404))
                .body("detail", notNullValue())
                .body("instance", equalTo("/no/such/path"))
                .extract();
        assertEquals(response.header("X-Request-Id"), response.path("correlationId"));
    }

    @Test
    void wellFormedCallerRequestIdIsKeptAndOthersAreReplaced() {
        given().header("X-Request-Id", "partner-trace-0001").get("/no/such/path").then()
                .header("X-Request-Id", "partner-trace-0001").body("correlationId", equalTo("partner-trace-0001"));
        given().header("X-Request-Id", "bad id <script>").get("/no/such/path").then()
                .header("X-Request-Id", not(containsString("script")));
    }

    @Test
    void wrongMethodIs405() {
        given().auth().oauth2(TestTokens.admin().sign()).delete("/v1/admin/partners").then().statusCode(405)
                .contentType("application/problem+json").body("type", endsWith("/problems/method-not-allowed"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().auth().oauth2(TestTokens.admin().sign()).contentType("text/plain").body("code=X")
                .post("/v1/admin/partners").then().statusCode(415)
                .contentType("application/problem+json").body("type", endsWith("/problems/unsupported-media-type"));
    }

    @Test
    void unacceptableAcceptIs406() {
        given().auth().oauth2(TestTokens.admin().sign()).accept("application/xml").get("/v1/admin/partners")
                .then().statusCode(406).body("type", endsWith("/problems/not-acceptable"));
    }

    @Test
    void unexpectedFailureIs500WithCorrelationIdAndNothingInternal() throws Exception {
        var response = given().get("/test-only/boom").then().statusCode(500)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/internal-error"))
                .body(not(containsString("3201014101900001")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at id.perisai")))
                .extract();
        String correlationId = response.path("correlationId");
        assertEquals(response.header("X-Request-Id"), correlationId);
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertTrue(log.contains(correlationId), "the failure is logged with its correlation id");
        assertFalse(log.contains("3201014101900001"), "quoted personal data is redacted from the log");
        assertFalse(log.contains("081234567890"), "quoted personal data is redacted from the log");
    }

    @Test
    void bodyLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/admin/partners HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TestTokens.admin().sign() + "\r\n"
                    + "Content-Length: " + (256L * 1024 * 1024 + 1) + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status.contains(" 413 "), status);
            StringBuilder rest = new StringBuilder();
            for (String line; (line = in.readLine()) != null;) {
                rest.append(line).append('\n');
            }
            assertTrue(rest.toString().toLowerCase().contains("content-type: application/problem+json"), rest.toString());
            assertTrue(rest.toString().contains("/problems/payload-too-large"), rest.toString());
        }
    }
}
