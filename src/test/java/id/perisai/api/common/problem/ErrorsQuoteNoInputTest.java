package id.perisai.api.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * quality.md S8: error messages quote no submitted value. Each request carries a NIK-shaped marker where a client's
 * text ends up in the error (a scope, a property name, a form parameter name, a record's field name, a code): the
 * answer says what is wrong without it, and nothing stores it.
 */
@QuarkusTest
class ErrorsQuoteNoInputTest {

    static final String MARKER = "3201019999990042";
    static String partner;
    static String[] client;

    @BeforeEach
    void partner() {
        if (partner == null) {
            partner = Fixtures.partner("ECHO");
            client = Fixtures.client(partner, List.of("agents:read"));
        }
    }

    static Map<String, Object> newPartner(String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Wadah Echo");
        body.put("type", "COMMUNITY");
        body.put("branchOffice", "Jakarta Salemba");
        return body;
    }

    static Arguments request(String name, int status, Function<String, ExtractableResponse<Response>> send) {
        return Arguments.of(name, status, send);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                request("unknown scope asked of the token endpoint", 400, marker -> given()
                        .contentType("application/x-www-form-urlencoded")
                        .body("grant_type=client_credentials&client_id=" + client[0] + "&client_secret=" + client[1]
                                + "&scope=" + marker)
                        .post("/oauth2/token").then().extract()),
                request("repeated unknown form parameter", 400, marker -> given()
                        .contentType("application/x-www-form-urlencoded")
                        .body("grant_type=client_credentials&" + marker + "=1&" + marker + "=2").post("/oauth2/token")
                        .then().extract()),
                request("unknown property of an admin body", 400, marker -> {
                    Map<String, Object> body = newPartner(Fixtures.uniqueCode("ECH"));
                    body.put(marker, 1);
                    return given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(body)
                            .post("/v1/admin/partners").then().extract();
                }),
                request("unknown property of a nested object", 400, marker -> {
                    Map<String, Object> body = newPartner(Fixtures.uniqueCode("ECH"));
                    body.put("quota", Map.of(marker, 1));
                    return given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(body)
                            .post("/v1/admin/partners").then().extract();
                }),
                request("unknown property of a partner body", 400, marker -> given()
                        .auth().oauth2(TestTokens.partner(partner, "agents:write").sign()).contentType("application/json")
                        .body(Map.of("nik", "3201014101900001", marker, "x")).post("/v1/agents").then().extract()),
                request("duplicate partner code", 409, marker -> {
                    String code = "ECHO-" + marker;
                    given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(newPartner(code))
                            .post("/v1/admin/partners");
                    return given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                            .body(newPartner(code)).post("/v1/admin/partners").then().extract();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void theErrorSaysWhatIsWrongWithoutQuotingIt(String name, int status,
            Function<String, ExtractableResponse<Response>> send) {
        ExtractableResponse<Response> response = send.apply(MARKER);
        assertEquals(status, response.statusCode(), response.asString());
        assertFalse(response.asString().contains(MARKER), response.asString());
    }

    @Test
    void unknownPropertyIsReportedAtItsObjectWithTheAcceptedNames() {
        Map<String, Object> body = newPartner(Fixtures.uniqueCode("ECH"));
        body.put("quota", Map.of(MARKER, 1));
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(body).post("/v1/admin/partners")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("quota.(unknown)"))
                .body("errors[0].code", equalTo("UNKNOWN_FIELD"))
                .body("errors[0].message", Matchers.containsString("registrationsPerDay"));
        body.remove("quota");
        body.put(MARKER, 1);
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(body).post("/v1/admin/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("(unknown)"));
    }

    @Test
    void unknownFieldOfABatchRecordRejectsTheRecordWithoutStoringItsName() {
        Map<String, Object> record = Workers.record("echo-1");
        record.put(MARKER, "x");
        String batchId = Batches.submitJson(partner, List.of(record, Workers.record("echo-2")));
        Batches.awaitCompleted(partner, batchId);
        var results = Batches.results(partner, batchId);
        assertEquals("REJECTED", results.get(0).get("status"));
        assertEquals(List.of(Map.of("field", "(unknown)", "code", "UNKNOWN_FIELD", "message",
                "a field that is not part of a registration record")), results.get(0).get("errors"));
        assertEquals("ACCEPTED", results.get(1).get("status"));
        given().auth().oauth2(Batches.token(partner)).accept("text/csv")
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200)
                .body(not(Matchers.containsString(MARKER)))
                .body(Matchers.containsString("(unknown):UNKNOWN_FIELD"));
        assertEquals(0, TestDb.count("select count(*) from registration_result where errors like ?", "%" + MARKER + "%"));
    }
}
