package id.perisai.api.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * quality.md S8: every {@code /v1} and {@code /oauth2} response — success or error, JSON, problem or CSV — carries
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}; a sample of every kind.
 */
@QuarkusTest
class ResponseHeadersTest {

    static String partner;
    static String[] client;

    @BeforeEach
    void partner() {
        if (partner == null) {
            partner = Fixtures.partner("HDR");
            client = Fixtures.client(partner, List.of("agents:read"));
        }
    }

    static Arguments call(String name, int status, Supplier<Response> send) {
        return Arguments.of(name, status, send);
    }

    static String partnerToken() {
        return TestTokens.partner(partner, "agents:read", "registrations:read", "registrations:write").sign();
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                call("200 JSON", 200, () -> given().auth().oauth2(partnerToken()).get("/v1/partner")),
                call("201 created", 201, () -> given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                        .body(Map.of("code", Fixtures.uniqueCode("HDR"), "name", "Wadah Header", "type", "OTHER",
                                "branchOffice", "Jakarta Salemba"))
                        .post("/v1/admin/partners")),
                call("202 accepted", 202, () -> given().config(Batches.UTF8).auth().oauth2(partnerToken())
                        .contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Batches.json(List.of(Workers.record("hdr")))).post("/v1/registration-batches")),
                call("200 CSV", 200, () -> {
                    String batchId = Batches.submitJson(partner, List.of(Workers.record("hdr-csv")));
                    return given().auth().oauth2(partnerToken()).accept("text/csv")
                            .get("/v1/registration-batches/{id}/records", batchId);
                }),
                call("204 no content", 204, () -> {
                    String[] c = Fixtures.client(partner, List.of("agents:read"));
                    return given().auth().oauth2(Fixtures.adminToken())
                            .delete("/v1/admin/partners/{code}/clients/{id}", partner, c[0]);
                }),
                call("400 invalid input", 400, () -> given().auth().oauth2(Fixtures.adminToken())
                        .contentType("application/json").body("{\"code\":1}").post("/v1/admin/partners")),
                call("401 no token", 401, () -> given().get("/v1/partner")),
                call("401 bad token", 401, () -> given().auth().oauth2("not-a-jwt").get("/v1/partner")),
                call("403 insufficient scope", 403, () -> given().auth().oauth2(partnerToken()).get("/v1/admin/partners")),
                call("404 unknown id", 404, () -> given().auth().oauth2(Fixtures.adminToken())
                        .get("/v1/admin/partners/NO-SUCH-HDR")),
                call("404 unknown path", 404, () -> given().get("/v1/no-such-thing")),
                call("405 method", 405, () -> given().auth().oauth2(Fixtures.adminToken()).delete("/v1/admin/partners")),
                call("413 too large", 413, () -> given().auth().oauth2(Fixtures.adminToken())
                        .contentType("application/json").body("{\"name\":\"" + "x".repeat(1_100_000) + "\"}")
                        .post("/v1/admin/partners")),
                call("415 media type", 415, () -> given().auth().oauth2(Fixtures.adminToken()).contentType("text/plain")
                        .body("x").post("/v1/admin/partners")),
                call("429 rate limited", 429, () -> {
                    String slow = Fixtures.partner("HDR429", 1000, 1000, 1000, 1);
                    String token = TestTokens.partner(slow, "agents:read").sign();
                    given().auth().oauth2(token).get("/v1/partner");
                    return given().auth().oauth2(token).get("/v1/partner");
                }),
                call("token 200", 200, () -> given().auth().preemptive().basic(client[0], client[1])
                        .contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials")
                        .post("/oauth2/token")),
                call("token 401", 401, () -> given().auth().preemptive().basic(client[0], client[1] + "x")
                        .contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials")
                        .post("/oauth2/token")),
                call("token 400", 400, () -> given().contentType("application/x-www-form-urlencoded")
                        .body("grant_type=password").post("/oauth2/token")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void apiResponsesAreNeverCachedOrSniffed(String name, int status, Supplier<Response> send) {
        send.get().then().statusCode(status)
                .header("Cache-Control", equalTo("no-store"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void theJwksKeepsItsOwnCachingAndEveryResponseIsNosniff() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=300"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/q/health/ready").then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
