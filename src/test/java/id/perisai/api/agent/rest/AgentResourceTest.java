package id.perisai.api.agent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AgentResourceTest {

    static String partner;
    static String other;

    @BeforeEach
    void partners() {
        if (partner == null) {
            partner = Fixtures.partner("AGT");
            other = Fixtures.partner("AGTB");
        }
    }

    static RequestSpecification as(String code) {
        return given().auth().oauth2(TestTokens.partner(code, "agents:read", "agents:write").sign())
                .contentType("application/json");
    }

    /** A participant in the registry with this status, and an application for it. */
    static Map<String, Object> applicant(String status) {
        Map<String, Object> worker = Workers.record("agent");
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records",
                        List.of(Map.of("nik", worker.get("nik"), "status", status, "registeredOn", "2024-01-01"))))
                .post("/v1/admin/registry/participants").then().statusCode(200);
        Map<String, Object> application = new HashMap<>();
        application.put("nik", worker.get("nik"));
        application.put("fullName", "Siti Aminah");
        application.put("phone", "081234567890");
        application.put("email", "siti@example.co.id");
        application.put("bankCode", "BNI");
        application.put("bankAccountNumber", "0123456789");
        application.put("bankAccountName", "SITI  AMINAH");
        application.put("education", "SMA");
        return application;
    }

    static String create(String code, Map<String, Object> application) {
        return as(code).body(application).post("/v1/agents").then().statusCode(201).extract().path("agentCode");
    }

    @Test
    void eligibleAgentIsRegisteredWithMaskedNikAndAccount() {
        Map<String, Object> application = applicant("ACTIVE");
        String nik = (String) application.get("nik");
        var created = as(partner).body(application).post("/v1/agents").then().statusCode(201)
                .header("Location", containsString("/v1/agents/AG"))
                .body("status", equalTo("ACTIVE"))
                .body("nikMasked", equalTo(nik.substring(0, 4) + "**********" + nik.substring(12)))
                .body("bankAccountNumberMasked", equalTo("******6789"))
                .body("phone", equalTo("+6281234567890"))
                .body(not(containsString(nik)))
                .body(not(containsString("0123456789")))
                .extract();
        String code = created.path("agentCode");
        as(partner).get("/v1/agents/{code}", code).then().statusCode(200).body("agentCode", equalTo(code));
        assertEquals(1,
                TestDb.count("select count(*) from audit_log where action = 'AGENT_CREATED' and resource_id = ?", code));
    }

    @Test
    void ineligiblePersonGets422WithEveryReason() {
        Map<String, Object> application = applicant("LAPSED");
        application.put("bankCode", "BCA");
        application.put("bankAccountName", "Budi Santoso");
        application.put("education", "SMP");
        as(partner).body(application).post("/v1/agents").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/agent-ineligible"))
                .body("errors.code", equalTo(List.of("AGENT_NOT_PARTICIPANT", "BANK_NOT_DESIGNATED", "BANK_ACCOUNT_NOT_OWN",
                        "EDUCATION_INSUFFICIENT")));
        Map<String, Object> unknown = applicant("ACTIVE");
        unknown.put("nik", Workers.record("nobody").get("nik"));
        as(partner).body(unknown).post("/v1/agents").then().statusCode(422)
                .body("errors[0].code", equalTo("AGENT_NOT_PARTICIPANT"));
    }

    @Test
    void malformedApplicationIs400WithEveryField() {
        as(partner).body(Map.of("nik", "1234", "fullName", "X", "phone", "12", "education", "PHD"))
                .post("/v1/agents").then().statusCode(400)
                .body("errors.code", hasItem("NIK_INVALID"))
                .body("errors.code", hasItem("NAME_INVALID"))
                .body("errors.code", hasItem("PHONE_INVALID"))
                .body("errors.code", hasItem("INVALID_VALUE"))
                .body("errors.find { it.field == 'bankCode' }.code", equalTo("REQUIRED"));
        as(partner).body(Map.of("nik", "3201014101900001", "partnerId", "OTHER")).post("/v1/agents").then().statusCode(400)
                .body("errors[0].code", equalTo("UNKNOWN_FIELD"));
    }

    @Test
    void aPersonIsAnAgentOfOnePartnerOnly() {
        Map<String, Object> application = applicant("ACTIVE");
        create(partner, application);
        as(partner).body(application).post("/v1/agents").then().statusCode(409)
                .body("errors[0].code", equalTo("AGENT_ALREADY_REGISTERED"));
        as(other).body(application).post("/v1/agents").then().statusCode(409)
                .body("errors[0].code", equalTo("AGENT_ALREADY_REGISTERED"));
    }

    @Test
    void agentsOfAnotherPartnerAre404AndUnlisted() {
        String code = create(partner, applicant("ACTIVE"));
        as(other).get("/v1/agents/{code}", code).then().statusCode(404);
        as(other).body(Map.of("status", "INACTIVE")).patch("/v1/agents/{code}", code).then().statusCode(404);
        List<String> listed = as(other).queryParam("limit", 500).get("/v1/agents").then().statusCode(200).extract()
                .path("items.agentCode");
        assertFalse(listed.contains(code));
        assertEquals("ACTIVE", TestDb.query("select status from agent where agent_code = ?", code).get(0).get("status"));
    }

    @Test
    void partnerDeactivatesAndReactivatesButCannotLiftASuspension() {
        String code = create(partner, applicant("ACTIVE"));
        as(partner).body(Map.of("status", "INACTIVE")).patch("/v1/agents/{code}", code).then().statusCode(200)
                .body("status", equalTo("INACTIVE"));
        as(partner).queryParam("status", "INACTIVE").queryParam("limit", 500).get("/v1/agents").then().statusCode(200)
                .body("items.agentCode", hasItem(code));
        as(partner).body(Map.of("status", "ACTIVE")).patch("/v1/agents/{code}", code).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        as(partner).body(Map.of("status", "SUSPENDED")).patch("/v1/agents/{code}", code).then().statusCode(400);
        TestDb.update("update agent set status = 'SUSPENDED' where agent_code = ?", code);
        as(partner).body(Map.of("status", "ACTIVE")).patch("/v1/agents/{code}", code).then().statusCode(409);
    }

    @Test
    void bankChangesAreCheckedAgain() {
        String code = create(partner, applicant("ACTIVE"));
        as(partner).body(Map.of("bankCode", "BCA")).patch("/v1/agents/{code}", code).then().statusCode(422)
                .body("errors[0].code", equalTo("BANK_NOT_DESIGNATED"));
        as(partner).body(Map.of("bankAccountName", "Someone Else")).patch("/v1/agents/{code}", code).then().statusCode(422)
                .body("errors[0].code", equalTo("BANK_ACCOUNT_NOT_OWN"));
        as(partner).body(Map.of("bankCode", "CIMB_NIAGA", "bankAccountNumber", "9988776655")).patch("/v1/agents/{code}", code)
                .then().statusCode(200).body("bankCode", equalTo("CIMB_NIAGA"))
                .body("bankAccountNumberMasked", equalTo("******6655"));
        as(partner).body(Map.of()).patch("/v1/agents/{code}", code).then().statusCode(400);
    }

    @Test
    void agentsArePagedInCodeOrder() {
        String other2 = Fixtures.partner("AGTP");
        List<String> codes = List.of(create(other2, applicant("ACTIVE")), create(other2, applicant("ACTIVE")),
                create(other2, applicant("ACTIVE")));
        var first = as(other2).queryParam("limit", 2).get("/v1/agents").then().statusCode(200).extract();
        List<String> page1 = first.path("items.agentCode");
        List<String> page2 = as(other2).queryParam("limit", 2).queryParam("cursor", (String) first.path("nextCursor"))
                .get("/v1/agents").then().statusCode(200).extract().path("items.agentCode");
        List<String> all = new java.util.ArrayList<>(page1);
        all.addAll(page2);
        assertEquals(codes.stream().sorted().toList(), all);
    }

    @Test
    void registeredAgentCanBeNamedOnRegistrations() {
        String code = create(partner, applicant("ACTIVE"));
        Map<String, Object> record = Workers.record("with-agent");
        record.put("agentCode", code);
        String batchId = Batches.submitJson(partner, List.of(record));
        Batches.awaitCompleted(partner, batchId);
        var result = Batches.results(partner, batchId).get(0);
        assertEquals("ACCEPTED", result.get("status"));
        given().auth().oauth2(TestTokens.partner(partner, "registrations:read").sign())
                .get("/v1/participants/{id}", result.get("participantId")).then().statusCode(200)
                .body("agentCode", equalTo(code));
        assertTrue(code.startsWith("AG"));
    }
}
