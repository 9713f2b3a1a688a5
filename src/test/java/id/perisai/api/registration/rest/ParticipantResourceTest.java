package id.perisai.api.registration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

@QuarkusTest
class ParticipantResourceTest {

    static String partner;
    static String other;
    static Map<String, Object> record;
    static String participantId;

    @BeforeEach
    void registered() {
        if (partner != null) {
            return;
        }
        partner = Fixtures.partner("PART");
        other = Fixtures.partner("PARTB");
        record = Workers.record("p-1");
        String batchId = Batches.submitJson(partner, List.of(record));
        Batches.awaitCompleted(partner, batchId);
        participantId = (String) Batches.results(partner, batchId).get(0).get("participantId");
    }

    static String reader(String code) {
        return TestTokens.partner(code, "registrations:read").sign();
    }

    @Test
    void ownParticipantIsShownWithTheNikMasked() {
        String nik = (String) record.get("nik");
        given().auth().oauth2(reader(partner)).get("/v1/participants/{id}", participantId).then().statusCode(200)
                .body("participantId", equalTo(participantId))
                .body("nikMasked", equalTo(nik.substring(0, 4) + "**********" + nik.substring(12)))
                .body("fullName", equalTo(record.get("fullName")))
                .body("birthDate", equalTo(record.get("birthDate")))
                .body("programs", equalTo(List.of("JKK", "JKM", "JHT")))
                .body("status", equalTo("ACTIVE"))
                .body("monthlyIncome", equalTo(2_500_000))
                .body(not(containsString(nik)));
    }

    @Test
    void anotherPartnersParticipantIs404() {
        given().auth().oauth2(reader(other)).get("/v1/participants/{id}", participantId).then().statusCode(404);
        given().auth().oauth2(reader(other)).contentType("application/json").body(Map.of("nik", record.get("nik")))
                .post("/v1/participants/search").then().statusCode(404);
        given().auth().oauth2(reader(partner)).get("/v1/participants/{id}", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404);
        given().auth().oauth2(reader(partner)).get("/v1/participants/not-an-id").then().statusCode(404);
    }

    @Test
    void searchByNikInTheBody() {
        String nik = (String) record.get("nik");
        String spaced = nik.substring(0, 4) + " " + nik.substring(4, 8) + " " + nik.substring(8);
        given().auth().oauth2(reader(partner)).contentType("application/json").body(Map.of("nik", spaced))
                .post("/v1/participants/search").then().statusCode(200).body("participantId", equalTo(participantId));
        given().auth().oauth2(reader(partner)).contentType("application/json").body(Map.of("nik", "123"))
                .post("/v1/participants/search").then().statusCode(400).body("errors[0].code", equalTo("NIK_INVALID"))
                .body(not(containsString("\"123\"")));
        given().auth().oauth2(reader(partner)).contentType("application/json").body(Map.of())
                .post("/v1/participants/search").then().statusCode(400).body("errors[0].code", equalTo("REQUIRED"));
        given().auth().oauth2(reader(partner)).contentType("application/json").body(Map.of("nik", nik, "x", 1))
                .post("/v1/participants/search").then().statusCode(400).body("errors[0].code", equalTo("UNKNOWN_FIELD"));
    }

    @Test
    void theRegisteringPartnerStillSeesAParticipantAnotherPartnerReactivated() {
        Map<String, Object> r = Workers.record("reactivated");
        String batchId = Batches.submitJson(partner, List.of(r));
        Batches.awaitCompleted(partner, batchId);
        String id = (String) Batches.results(partner, batchId).get(0).get("participantId");
        TestDb.update("update participant set status = 'LAPSED' where id = ?::uuid", id);
        String again = Batches.submitJson(other, List.of(r));
        Batches.awaitCompleted(other, again);
        assertEquals(id, Batches.results(other, again).get(0).get("participantId"));
        given().auth().oauth2(reader(other)).get("/v1/participants/{id}", id).then().statusCode(200);
        given().auth().oauth2(reader(partner)).get("/v1/participants/{id}", id).then().statusCode(200);
    }
}
