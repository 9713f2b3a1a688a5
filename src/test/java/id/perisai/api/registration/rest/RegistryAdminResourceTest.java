package id.perisai.api.registration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistryAdminResourceTest {

    static Map<String, Object> rec(String nik, String status, String date) {
        return Map.of("nik", nik, "status", status, "registeredOn", date);
    }

    static String nik() {
        return (String) Workers.record("x").get("nik");
    }

    static long participants() {
        return TestDb.count("select count(*) from participant");
    }

    @Test
    void importUpsertsByNikAndReportsEveryRejection() {
        String a = nik();
        String b = nik();
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records", List.of(rec(a, "ACTIVE", "2024-02-01")))).post("/v1/admin/registry/participants")
                .then().statusCode(200).body("created", equalTo(1));
        var result = given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records", List.of(rec(a, "LAPSED", "2024-02-01"), rec(b, "ACTIVE", "2024-03-01"),
                        rec(b, "LAPSED", "2024-03-01"), rec("1001014101900001", "ACTIVE", "2024-01-01"),
                        Map.of("nik", nik(), "status", "GONE", "registeredOn", "2999-01-01", "name", "x"))))
                .post("/v1/admin/registry/participants")
                .then().statusCode(200)
                .body("received", equalTo(5)).body("created", equalTo(1)).body("updated", equalTo(1))
                .body("rejected", equalTo(3))
                .body("errors.code", hasItems("DUPLICATE_IN_BATCH", "NIK_REGION_INVALID", "STATUS_INVALID", "DATE_INVALID",
                        "UNKNOWN_FIELD"))
                .body("errors.find { it.code == 'DUPLICATE_IN_BATCH' }.index", equalTo(3))
                .extract();
        assertEquals("LAPSED", TestDb.query("select status from participant where nik_masked = ? and source = 'REGISTRY'",
                RegistrationBatchResourceTest.mask(a)).get(0).get("status"));
        assertEquals(1, (int) result.path("updated"));
    }

    @Test
    void voidParticipantsAreNeverChanged() {
        String v = nik();
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records", List.of(rec(v, "ACTIVE", "2024-02-01")))).post("/v1/admin/registry/participants")
                .then().statusCode(200);
        TestDb.update("update participant set status = 'VOID' where nik_masked = ? and source = 'REGISTRY'",
                RegistrationBatchResourceTest.mask(v));
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records", List.of(rec(v, "ACTIVE", "2024-02-01")))).post("/v1/admin/registry/participants")
                .then().statusCode(200).body("rejected", equalTo(1)).body("errors[0].code", equalTo("PARTICIPANT_VOID"));
    }

    @Test
    void ndjsonImportIsAccepted() {
        String body = "{\"nik\":\"" + nik() + "\",\"status\":\"ACTIVE\",\"registeredOn\":\"2024-01-05\"}\n"
                + "{\"nik\":\"" + nik() + "\",\"status\":\"LAPSED\",\"registeredOn\":\"2023-01-05\"}\n";
        given().config(Batches.UTF8).auth().oauth2(Fixtures.adminToken()).contentType("application/x-ndjson").body(body)
                .post("/v1/admin/registry/participants").then().statusCode(200).body("created", equalTo(2));
    }

    @Test
    void malformedImportChangesNothing() {
        long before = participants();
        String body = "{\"nik\":\"" + nik() + "\",\"status\":\"ACTIVE\",\"registeredOn\":\"2024-01-05\"}\n{\"nik\":\n";
        given().config(Batches.UTF8).auth().oauth2(Fixtures.adminToken()).contentType("application/x-ndjson").body(body)
                .post("/v1/admin/registry/participants").then().statusCode(400);
        assertEquals(before, participants());
    }

    @Test
    void importIsForAgencyStaffOnlyAndAudited() {
        String partner = Fixtures.partner("IMP");
        given().auth().oauth2(Batches.token(partner)).contentType("application/json")
                .body(Map.of("records", List.of(rec(nik(), "ACTIVE", "2024-02-01")))).post("/v1/admin/registry/participants")
                .then().statusCode(403);
        long audits = TestDb.count("select count(*) from audit_log where action = 'REGISTRY_IMPORTED'");
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records", List.of(rec(nik(), "ACTIVE", "2024-02-01")))).post("/v1/admin/registry/participants")
                .then().statusCode(200);
        assertEquals(audits + 1, TestDb.count("select count(*) from audit_log where action = 'REGISTRY_IMPORTED'"));
    }
}
