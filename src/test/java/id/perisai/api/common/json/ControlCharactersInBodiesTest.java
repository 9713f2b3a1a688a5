package id.perisai.api.common.json;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * NUL and the other control characters in any text field of any JSON body are a 400 problem naming the field (they
 * were a 500: PostgreSQL refuses NUL in text); in a batch record they reject that record, not the batch.
 */
@QuarkusTest
class ControlCharactersInBodiesTest {

    static String partner;

    @BeforeEach
    void partner() {
        if (partner == null) {
            partner = Fixtures.partner("CTRL");
        }
    }

    static Map<String, Object> newPartner(String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Wadah Kontrol");
        body.put("type", "COMMUNITY");
        body.put("branchOffice", "Jakarta Salemba");
        return body;
    }

    static Map<String, Object> agent() {
        Map<String, Object> body = new HashMap<>();
        body.put("nik", "3201014101900001");
        body.put("fullName", "Siti Aminah");
        body.put("phone", "081234567890");
        body.put("email", "siti@example.co.id");
        body.put("bankCode", "BNI");
        body.put("bankAccountNumber", "0123456789");
        body.put("bankAccountName", "Siti Aminah");
        body.put("education", "SMA");
        return body;
    }

    static Arguments body(String name, String field, String method, String path, boolean admin, Map<String, Object> body,
            Consumer<Map<String, Object>> spoil) {
        Map<String, Object> spoilt = new HashMap<>(body);
        spoil.accept(spoilt);
        return Arguments.of(name, field, method, path, admin, spoilt);
    }

    static Stream<Arguments> bodies() {
        String code = Fixtures.uniqueCode("CTL");
        return Stream.of(
                body("NUL in a partner's name", "name", "POST", "/v1/admin/partners", true, newPartner(code),
                        b -> b.put("name", "x\u0000y")),
                body("NUL in a partner's branch office", "branchOffice", "POST", "/v1/admin/partners", true,
                        newPartner(code), b -> b.put("branchOffice", "Bandung\u0000")),
                body("line feed in a partner's name", "name", "POST", "/v1/admin/partners", true, newPartner(code),
                        b -> b.put("name", "Wadah\nKontrol")),
                body("C1 control in a partner's name", "name", "POST", "/v1/admin/partners", true, newPartner(code),
                        b -> b.put("name", "Wadah\u009bKontrol")),
                body("NUL in a new name", "name", "PATCH", "/v1/admin/partners/{partner}", true, Map.of(),
                        b -> b.put("name", "x\u0000y")),
                body("NUL in a client's name", "name", "POST", "/v1/admin/partners/{partner}/clients", true,
                        Map.of("scopes", List.of("agents:read")), b -> b.put("name", "portal\u0000")),
                body("NUL in a scope of a client", "scopes[0]", "POST", "/v1/admin/partners/{partner}/clients", true,
                        Map.of("name", "portal"), b -> b.put("scopes", List.of("agents:read\u0000"))),
                body("NUL in an agent's name", "fullName", "POST", "/v1/agents", false, agent(),
                        b -> b.put("fullName", "Siti\u0000Aminah")),
                body("BEL in an agent's e-mail", "email", "POST", "/v1/agents", false, agent(),
                        b -> b.put("email", "siti\u0007@example.co.id")),
                body("TAB in an agent's account name", "bankAccountName", "POST", "/v1/agents", false, agent(),
                        b -> b.put("bankAccountName", "Siti\tAminah")),
                body("NUL in a NIK searched for", "nik", "POST", "/v1/participants/search", false, Map.of(),
                        b -> b.put("nik", "3201014101900001\u0000")),
                body("NUL in a NIK quoted for", "nik", "POST", "/v1/contributions/quote", false,
                        Map.of("periodStart", "2026-11", "months", 1, "payerType", "SELF"),
                        b -> b.put("nik", "\u00003201014101900001")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void controlCharacterInATextFieldIs400NamingTheField(String name, String field, String method, String path,
            boolean admin, Map<String, Object> body) {
        String token = admin ? Fixtures.adminToken()
                : TestTokens.partner(partner, "agents:write", "registrations:read", "contributions:read").sign();
        long partners = TestDb.count("select count(*) from partner");
        given().auth().oauth2(token).contentType("application/json").body(body)
                .request(method, path.replace("{partner}", partner))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/validation-failed"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].code", equalTo("INVALID_CHARACTERS"));
        assertEquals(partners, TestDb.count("select count(*) from partner"), "nothing written");
    }

    @Test
    @SuppressWarnings("unchecked")
    void controlCharacterInABatchRecordRejectsThatRecordWithTheFieldsOwnCode() {
        Map<String, Object> email = Workers.record("ctrl-email");
        email.put("email", "siti\u0000@example.co.id");
        Map<String, Object> name = Workers.record("ctrl-name");
        name.put("fullName", "Siti\u0000Aminah");
        Map<String, Object> agent = Workers.record("ctrl-agent");
        agent.put("agentCode", "AG\u0000");
        String batchId = Batches.submitJson(partner, List.of(email, name, agent, Workers.record("ctrl-ok")));
        Batches.awaitCompleted(partner, batchId);
        var results = Batches.results(partner, batchId);
        assertEquals(List.of("REJECTED", "REJECTED", "REJECTED", "ACCEPTED"),
                results.stream().map(r -> r.get("status")).toList());
        assertEquals(List.of(Map.of("field", "email", "code", "EMAIL_INVALID", "message", "must be a valid e-mail address")),
                results.get(0).get("errors"));
        assertEquals("NAME_INVALID", ((List<Map<String, Object>>) results.get(1).get("errors")).get(0).get("code"));
        assertEquals("AGENT_NOT_FOUND", ((List<Map<String, Object>>) results.get(2).get("errors")).get(0).get("code"));
    }

    @Test
    void controlCharacterInAContributionRecordRejectsThatRecord() {
        String[] worker = Payments.registered(partner, false);
        Map<String, Object> payment = Payments.payment(worker[0], "2026-11", 1, 8400, "PARTNER");
        payment.put("payerName", "Wadah\u0000");
        var results = Payments.pay(partner, List.of(payment), true);
        assertEquals("REJECTED", results.get(0).get("status"));
        assertTrue(Payments.codes(results.get(0)).contains("PAYER_NAME_INVALID"), results.get(0).toString());
    }

    @Test
    void cursorDecodingToAControlCharacterIs400NotAServerError() {
        // "AA" is base64url for a single NUL byte
        given().auth().oauth2(Fixtures.adminToken()).queryParam("cursor", "AA").get("/v1/admin/partners")
                .then().statusCode(400).body("errors[0].code", equalTo("INVALID_CURSOR"));
        given().auth().oauth2(Batches.token(partner)).queryParam("cursor", "AA").get("/v1/registration-batches")
                .then().statusCode(400);
    }

    @Test
    void clientIdWithAControlCharacterIsInvalidClientNotAServerError() {
        given().contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=prc_%00x&client_secret=whatever").post("/oauth2/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
